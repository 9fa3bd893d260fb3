// Barrel of src/discovery (public API of this area); filled by its owner.
export {};
