// Barrel of src/backend (public API of this area); filled by its owner.
export {};
