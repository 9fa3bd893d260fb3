/** A loss term became NaN or ±Infinity: the run stops with status `failed`. */
export class NonFiniteLossError extends Error {
  constructor(
    readonly step: number,
    readonly term: string,
    readonly value: number,
  ) {
    super(
      `loss term "${term}" is ${value} at step ${step}; training stopped (lower the learning rate or the penalty weight)`,
    );
    this.name = 'NonFiniteLossError';
  }
}

/** A trainer setup or checkpoint problem that the user can fix (the message says how). */
export class TrainerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainerError';
  }
}
