// Console texts for the settings pages: key -> [English, 中文] (terms from docs/GLOSSARY.md).
export const SETTINGS_TEXTS = {
} as const satisfies Record<string, readonly [string, string]>;
