/** A bad value handed to a pure policy function (callers map it to BAD_USER_INPUT). */
export class PolicyInputError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly messageZh: string = message,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'PolicyInputError';
  }
}
