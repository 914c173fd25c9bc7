// Console texts for the import pages: key -> [English, 中文] (terms from docs/GLOSSARY.md).
export const IMPORT_TEXTS = {
} as const satisfies Record<string, readonly [string, string]>;
