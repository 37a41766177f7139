export class PolicyInputError extends Error {
  constructor(public code: string, message: string, public messageZh: string = message, public path?: string) {
    super(message);
    this.name = 'PolicyInputError';
  }
}
