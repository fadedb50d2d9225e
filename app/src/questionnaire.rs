//! One questionnaire, one question per screen, then a review (SPEC §3.5). Pure navigation
//! state; scoring is `content::scoring`, never re-implemented here.
//!
//! Unscored items (PHQ-9 item 10, "how difficult …") are follow-ups: asked only once a scored
//! item is above its minimum, as the instrument's authors intend, and optional.

use content::model::Instrument;
use content::scoring::{Score, ScoreError, score};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    /// Index into the instrument's items.
    Question(usize),
    Review,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Flow {
    pub instrument: &'static Instrument,
    pub answers: BTreeMap<String, i64>,
    pub screen: Screen,
}

impl Flow {
    pub fn new(instrument: &'static Instrument) -> Flow {
        Flow {
            instrument,
            answers: BTreeMap::new(),
            screen: Screen::Question(0),
        }
    }

    pub fn len(&self) -> usize {
        self.instrument.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.instrument.items.is_empty()
    }

    /// Whether item `i` is asked: scored items always; an unscored follow-up only when some
    /// scored item is answered above its minimum.
    pub fn asked(&self, i: usize) -> bool {
        let Some(item) = self.instrument.items.get(i) else {
            return false;
        };
        item.scored
            || self.instrument.items.iter().any(|other| {
                other.scored && self.answers.get(&other.id).is_some_and(|&v| v > other.min)
            })
    }

    /// An item that may be left unanswered.
    pub fn optional(&self, i: usize) -> bool {
        self.instrument
            .items
            .get(i)
            .is_some_and(|item| !item.scored)
    }

    /// The indices of the items asked now, in order.
    pub fn asked_items(&self) -> Vec<usize> {
        (0..self.len()).filter(|&i| self.asked(i)).collect()
    }

    /// 1-based position among the questions asked now, for "question 3 of 9".
    pub fn position(&self) -> Option<(usize, usize)> {
        match self.screen {
            Screen::Question(i) => {
                let asked = self.asked_items();
                let n = asked.iter().position(|&j| j == i)? + 1;
                Some((n, asked.len()))
            }
            Screen::Review => None,
        }
    }

    pub fn current_answer(&self) -> Option<i64> {
        match self.screen {
            Screen::Question(i) => self
                .instrument
                .items
                .get(i)
                .and_then(|item| self.answers.get(&item.id).copied()),
            Screen::Review => None,
        }
    }

    pub fn choose(&mut self, value: i64) {
        if let Screen::Question(i) = self.screen
            && let Some(item) = self.instrument.items.get(i)
            && (item.min..=item.max).contains(&value)
        {
            self.answers.insert(item.id.clone(), value);
            // A follow-up that is no longer asked keeps no answer.
            for j in 0..self.len() {
                if !self.asked(j) {
                    self.answers.remove(&self.instrument.items[j].id);
                }
            }
        }
    }

    /// Next screen; refuses (returns false) while the current question is unanswered, unless
    /// it is optional.
    pub fn advance(&mut self) -> bool {
        let Screen::Question(i) = self.screen else {
            return false;
        };
        if self.current_answer().is_none() && !self.optional(i) {
            return false;
        }
        self.screen = match (i + 1..self.len()).find(|&j| self.asked(j)) {
            Some(j) => Screen::Question(j),
            None => Screen::Review,
        };
        true
    }

    /// Back one screen; false on the first question (the page then offers to leave).
    pub fn back(&mut self) -> bool {
        let before = match self.screen {
            Screen::Question(i) => i,
            Screen::Review => self.len(),
        };
        match (0..before).rev().find(|&j| self.asked(j)) {
            Some(j) => {
                self.screen = Screen::Question(j);
                true
            }
            None => false,
        }
    }

    /// From the review: change one answer.
    pub fn edit(&mut self, index: usize) {
        if index < self.len() {
            self.screen = Screen::Question(index);
        }
    }

    /// The safety path: any safety item answered above its minimum, whatever the total.
    pub fn safety(&self) -> bool {
        self.instrument
            .items
            .iter()
            .any(|item| item.safety && self.answers.get(&item.id).is_some_and(|&v| v > item.min))
    }

    pub fn score(&self) -> Result<Score, ScoreError> {
        score(self.instrument, &self.answers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phq9() -> Flow {
        Flow::new(content::instruments::get("phq9").unwrap())
    }

    #[test]
    fn walks_forward_only_when_answered_and_ends_in_review() {
        let mut f = phq9();
        assert_eq!(f.position(), Some((1, 9)));
        assert!(!f.advance());
        for _ in 0..f.len() {
            f.choose(1);
            assert!(f.advance());
        }
        assert_eq!(f.answers.len(), 10);
        assert_eq!(f.screen, Screen::Review);
        assert_eq!(f.position(), None);
        let s = f.score().unwrap();
        assert_eq!(s.total, 9);
        assert_eq!(s.band, "mild");
    }

    #[test]
    fn back_keeps_answers_and_stops_at_the_first_question() {
        let mut f = phq9();
        f.choose(2);
        f.advance();
        assert_eq!(f.position(), Some((2, 10)));
        assert!(f.back());
        assert_eq!(f.current_answer(), Some(2));
        assert!(!f.back());
    }

    #[test]
    fn item_ten_is_skipped_when_every_item_is_zero() {
        let mut f = phq9();
        for _ in 0..9 {
            f.choose(0);
            assert!(f.advance());
        }
        assert_eq!(f.screen, Screen::Review);
        assert!(!f.answers.contains_key("phq9.10"));
        assert_eq!(f.score().unwrap().total, 0);
        assert!(f.back());
        assert_eq!(f.position(), Some((9, 9)));
    }

    #[test]
    fn item_ten_is_asked_after_any_symptom_and_may_be_left_unanswered() {
        let mut f = phq9();
        f.choose(1);
        f.advance();
        assert_eq!(f.position(), Some((2, 10)));
        for _ in 1..9 {
            f.choose(0);
            assert!(f.advance());
        }
        assert_eq!(f.screen, Screen::Question(9));
        assert!(f.optional(9));
        assert!(f.advance(), "item 10 is optional");
        assert_eq!(f.screen, Screen::Review);
        assert_eq!(f.score().unwrap().total, 1);
    }

    #[test]
    fn an_answer_to_item_ten_is_dropped_when_it_stops_being_asked() {
        let mut f = phq9();
        f.choose(1);
        for _ in 0..9 {
            f.advance();
            f.choose(0);
        }
        f.edit(9);
        f.choose(2);
        assert_eq!(f.answers.get("phq9.10"), Some(&2));
        f.edit(0);
        f.choose(0);
        assert!(!f.answers.contains_key("phq9.10"));
        assert!(!f.asked(9));
    }

    #[test]
    fn out_of_scale_choices_are_ignored() {
        let mut f = phq9();
        f.choose(7);
        assert_eq!(f.current_answer(), None);
    }

    #[test]
    fn safety_shows_on_item_nine_whatever_the_total() {
        let mut f = phq9();
        for i in 0..f.len() {
            f.edit(i);
            f.choose(0);
        }
        assert!(!f.safety());
        f.edit(8);
        f.choose(1);
        assert!(f.safety());
        assert!(f.score().unwrap().safety);
        assert_eq!(f.score().unwrap().total, 1);
    }

    #[test]
    fn review_edit_jumps_back_to_that_question() {
        let mut f = Flow::new(content::instruments::get("gad7").unwrap());
        for _ in 0..7 {
            f.choose(0);
            f.advance();
        }
        f.edit(3);
        assert_eq!(f.position(), Some((4, 7)));
        assert!(f.back());
        assert_eq!(f.position(), Some((3, 7)));
    }
}
