/** The backend asked for cannot be used here (e.g. `tensorflow` without tfjs-node installed). */
export class BackendUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}
