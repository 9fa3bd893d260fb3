// Barrel of src/models (public API of this area); filled by its owner.
export {};
