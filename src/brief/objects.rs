//! How templates read the brief: every view is a minijinja object that turns a field into a template value only
//! when a template reads it. Copying the whole brief into template values first (`Value::from_serialize`) built
//! every field of every view, read or not, and looked each field up by scanning the list of fields.

use crate::brief::model::*;
use minijinja::value::{Enumerator, Object, Value};
use std::sync::Arc;

/// A field of a view as a template value: the same value `Value::from_serialize` gives it.
trait Field {
    fn value(&self) -> Value;
}

impl Field for String {
    fn value(&self) -> Value {
        Value::from(self.as_str())
    }
}

macro_rules! plain_fields {
    ($($t:ty),*) => {$(
        impl Field for $t {
            fn value(&self) -> Value {
                Value::from(*self)
            }
        }
    )*};
}
plain_fields!(bool, u32, u64, usize, i64, f64);

impl<T: Field> Field for Option<T> {
    fn value(&self) -> Value {
        self.as_ref().map_or(Value::from(()), Field::value)
    }
}

impl<T: Field> Field for Vec<T> {
    fn value(&self) -> Value {
        Value::from(self.iter().map(Field::value).collect::<Vec<_>>())
    }
}

impl<T: Object + Send + Sync + 'static> Field for Arc<T> {
    fn value(&self) -> Value {
        Value::from_dyn_object(self.clone())
    }
}

/// Makes views minijinja objects: `template_objects!(View { field, … })`, every field in declaration order. The
/// destructuring in `_every_field` does not compile if a field of the struct is left out of the list.
macro_rules! template_objects {
    ($($view:ident { $($field:ident),* $(,)? })*) => {$(
        impl Object for $view {
            fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
                self.get_value_by_str(key.as_str()?)
            }

            fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
                Some(match key {
                    $(stringify!($field) => Field::value(&self.$field),)*
                    _ => return None,
                })
            }

            fn enumerate(self: &Arc<Self>) -> Enumerator {
                Enumerator::Str(&[$(stringify!($field)),*])
            }
        }

        impl $view {
            #[allow(dead_code)]
            fn _every_field(&self) {
                let $view { $($field: _),* } = self;
            }
        }
    )*};
}

template_objects! {
    Brief { version, lang, committee, as_of, meeting, case, counts, instructions, overall, last_meeting, change,
        by_status, aspects, departments, rounds, items, results, problems, assessments, feedback, new_issues, agenda,
        carry_over, excluded, evidence, timeline, rules }
    MeetingRef { date, title, kind, round }
    CaseView { id, title, note, background, problems, tags, proposal_title, proposal_kind, proposal_meeting, adopted,
        doc_no, closed }
    Counts { aspects, recommendations, original, added_later, measures, departments, replies, meetings,
        reconsultations }
    InstructionView { date, by, text }
    AggView { degree, light, counted, weight, excluded, unreported, total, verified }
    StatusCount { scale, key, label, count }
    GroupView { id, title, agg }
    DepartmentView { id, name, agg, open, overdue, disputed, supporting }
    RoundView { date, title, is_cutoff, overall, change, satisfaction }
    SatisfactionView { satisfied, basic, unsatisfied, total, rate }
    ItemView { id, aspect, title, text, lead, support, priority, weight, claimed, claimed_key, assessed, assessed_key,
        status, degree, change, due, original_due, revised_reason, light, flags, flag_labels, actions, obstacles,
        summary, next_steps, measures, excluded }
    ActionView { date, department, text, evidence }
    StepView { text, target }
    MeasureView { id, text, due, weight, status, degree }
    ItemRef { id, title, lead, status, key, degree, note }
    Problems { overdue, stalled, disputed, regressed, unreported, blocked }
    AssessmentView { rec, title, status, key, progress, satisfaction, comment }
    FeedbackView { date, department, rec, kind, text }
    IssueView { date, id, text, raised_by, outcome, became }
    AgendaPoint { title, recs }
    ExcludedView { id, title, reason }
    EvidenceView { rec, date, department, document }
    TimelineEntry { date, kind, text, file }
    Rules { unreported, red_max, green_above, overdue_red_below, stall_days, dispute_points, scale }
    ScaleView { key, label, degree, is_final, excluded }
}
