// Public entry of @ensign/cli: the command line as a function, and the pieces it is made of.
export { runCli } from './program.js';
export { processIo } from './io.js';
export type { CliIo } from './io.js';
export { IMPORT_VENDORS, runImport } from './commands/import-command.js';
export type { ImportCommandOptions, ImportVendor } from './commands/import-command.js';
export { formatValidationReport, validateDatafileText } from './commands/validate-command.js';
export type { ValidationReport } from './commands/validate-command.js';
export { quarantineOf } from './quarantine.js';
export type { QuarantinedEntity } from './quarantine.js';
export { contextFromOptions, detectUserFace } from './explain/context-input.js';
export type { ContextInput, UserFace } from './explain/context-input.js';
export { describeCondition } from './explain/describe-condition.js';
export { describeReason, formatExplanation, formatTrace } from './explain/format-explanation.js';
export type { Explanation } from './explain/format-explanation.js';
export { generateFlagModule } from './typegen/generate-flag-module.js';
export type { GenerateOptions } from './typegen/generate-flag-module.js';
export { CLI_VERSION } from './version.js';
