// @citation-js/* ship no type declarations; this covers the part briefwright uses.
declare module '@citation-js/core' {
  export const plugins: {
    config: { get(name: string): any };
    input: { chain(data: unknown, options?: { forceType?: string; generateGraph?: boolean }): unknown[] };
  };
}
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-ris';
