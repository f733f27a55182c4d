//! Implementation detail of the `workflow` crate. The declarative state-machine macro arrives
//! with the macro issue; this crate exists now so the workspace has its final shape.
