/**
 * Thrown for input a generator refuses (a bad name, a plan that exists, a plan not ready for
 * approval, a broken configuration). Its message is shown to the user as it is; nothing has been
 * written by then.
 */
export class UserInputError extends Error {}
