/**
 * Where a component tells the operator what happened, with structured
 * fields: pino's call shape, so the runtime logger is one as it is.
 */
export interface OperatorLog {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** stderr, for components run without the runtime log (tools, tests). */
export const STDERR_LOG: OperatorLog = {
  warn: (fields, message) => console.error(message, fields),
  error: (fields, message) => console.error(message, fields),
};
