// Segment rules: the language (schema and types), validation, the SQL compiler and plain-language
// descriptions. See README.md in this folder for the rule semantics.
export * from './rule-schema.js';
export {
  ATTRIBUTE_FIELDS,
  SCORE_FIELDS,
  OPERATORS,
  OPERATORS_BY_TYPE,
  JSON_OPERATORS,
  NPS_BANDS,
  type AttributeField,
  type ScoreField,
  type FieldDef,
  type FieldType,
  type Operator,
  type NpsBand,
} from './fields.js';
export { validateRule, parseRule, checkRule, formatRuleError, type RuleError, type RuleValidation } from './validate.js';
export { compileRule, countQuery, rulePredicate, type CompileContext, type MemberQuery } from './compile.js';
export { describeRule, type DescribeOptions, type Lang } from './describe.js';
export { findSegmentCycle, segmentReferences } from './references.js';
export { DEFAULT_TIME_ZONE } from './dates.js';
