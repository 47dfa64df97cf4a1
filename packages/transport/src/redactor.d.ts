/** Removes credentials from text and errors before they leave the transport. */
export interface Redactor {
    /** `text` with every secret replaced by `***`. */
    text(text: string): string;
    /** `error` itself when no secret shows anywhere in it or its causes; otherwise a copy with the secrets replaced. */
    error(error: unknown): unknown;
}
/**
 * A redactor for the given secrets (empty strings are ignored). Each secret is also matched in its
 * URL-encoded form, since it travels inside URLs.
 */
export declare function createRedactor(secrets: readonly string[]): Redactor;
//# sourceMappingURL=redactor.d.ts.map