/** How params travel: JSON keeps native types; the PHP form sends every scalar as a string. */
export type BodyEncoding = 'json' | 'form';
/** The request body and its content type for the chosen encoding. */
export declare function encodeBody(params: Readonly<Record<string, unknown>>, encoding: BodyEncoding): {
    body: string;
    contentType: string;
};
//# sourceMappingURL=encode-body.d.ts.map