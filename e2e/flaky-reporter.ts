import type { Reporter, TestCase } from 'vitest/node';

/**
 * A browser spec that passed only on its retry is a defect, not a pass: this reporter names every
 * such spec at the end of the run, with how many attempts it needed, so a flaky spec shows up as
 * flaky instead of hiding behind the retry.
 */
export default class FlakyReporter implements Reporter {
  private readonly flaky: string[] = [];

  onTestCaseResult(testCase: TestCase) {
    const d = testCase.diagnostic();
    if (d?.flaky)
      this.flaky.push(`${testCase.module.moduleId.replace(/^.*\/e2e\//, 'e2e/')} › ${testCase.fullName} (${d.retryCount + 1} attempts)`);
  }

  onTestRunEnd() {
    if (this.flaky.length === 0) {
      console.log('\nflaky specs: none (every spec passed at its first attempt)');
      return;
    }
    console.log(`\nFLAKY SPECS: ${this.flaky.length} passed only when retried — each is a defect to fix:`);
    for (const line of this.flaky) console.log(`  ${line}`);
  }
}
