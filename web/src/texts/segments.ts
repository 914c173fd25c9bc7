// Console texts for the segments pages: key -> [English, 中文] (terms from docs/GLOSSARY.md).
export const SEGMENTS_TEXTS = {
} as const satisfies Record<string, readonly [string, string]>;
