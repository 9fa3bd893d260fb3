// Barrel of src/cli (public API of this area); filled by its owner.
export {};
