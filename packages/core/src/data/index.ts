// Barrel of src/data (public API of this area); filled by its owner.
export {};
