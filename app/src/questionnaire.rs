//! One questionnaire, one question per screen, then a review (SPEC §3.5). Pure navigation
//! state; scoring is `content::scoring`, never re-implemented here.

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

    /// 1-based position for "question 3 of 9".
    pub fn position(&self) -> Option<(usize, usize)> {
        match self.screen {
            Screen::Question(i) => Some((i + 1, self.len())),
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
        }
    }

    /// Next screen; refuses (returns false) while the current question is unanswered.
    pub fn advance(&mut self) -> bool {
        let Screen::Question(i) = self.screen else {
            return false;
        };
        if self.current_answer().is_none() {
            return false;
        }
        self.screen = if i + 1 < self.len() {
            Screen::Question(i + 1)
        } else {
            Screen::Review
        };
        true
    }

    /// Back one screen; false on the first question (the page then offers to leave).
    pub fn back(&mut self) -> bool {
        match self.screen {
            Screen::Question(0) => false,
            Screen::Question(i) => {
                self.screen = Screen::Question(i - 1);
                true
            }
            Screen::Review => {
                self.screen = Screen::Question(self.len().saturating_sub(1));
                true
            }
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
        assert_eq!(f.position(), Some((1, 10)));
        assert!(!f.advance());
        for _ in 0..f.len() {
            f.choose(1);
            assert!(f.advance());
        }
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
