// Barrel of src/trainer (public API of this area); filled by its owner.
export {};
