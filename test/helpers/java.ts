import { execFileSync } from 'node:child_process';

/** Whether Java runs here (the W3C HTML checker needs it). */
export const hasJava = (() => {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
