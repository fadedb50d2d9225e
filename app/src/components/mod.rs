pub mod business;
pub mod code_field;
pub mod crisis;
pub mod guard;
pub mod new_code;
pub mod unlock;
