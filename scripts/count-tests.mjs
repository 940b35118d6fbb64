// Prints `N passed, N failed` from vitest's JSON report; a failed typecheck or layering step counts as one failure.
import { readFileSync, existsSync } from 'node:fs';

const [reportPath, stepStatus] = process.argv.slice(2);
let passed = 0;
let failed = 0;
if (existsSync(reportPath)) {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed = report.numPassedTests ?? 0;
  failed = report.numFailedTests ?? 0;
  // A test file that failed to load has no tests in it: count it as a failure.
  for (const file of report.testResults ?? []) {
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) failed += 1;
  }
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  if (skipped > 0) {
    console.log(`${skipped} tests were skipped or todo: the project keeps none.`);
    failed += skipped;
  }
} else {
  failed += 1;
}
if (stepStatus !== '0' && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || stepStatus !== '0' ? 1 : 0);
