/** Where and how calls are authorized. The webhook flavour for now; OAuth and bot tokens join it later. */
export interface Auth {
    /** The URL a method is called at. */
    url(method: string): string;
    /** Strings that must never appear in an error or a log line. */
    readonly secrets: readonly string[];
}
/**
 * Auth by incoming webhook: `https://{portal}/rest/{userId}/{secret}/`. The secret sits in the URL
 * path, so the URL itself is a credential: it is never put in an error message.
 */
export declare function webhookAuth(webhookUrl: string | URL): Auth;
//# sourceMappingURL=webhook-auth.d.ts.map