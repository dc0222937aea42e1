// Puppeteer downloads its own Chrome on install unless told not to. Where a system
// Chromium or Chrome is already installed (or named by PUPPETEER_EXECUTABLE_PATH /
// CHROME_PATH), skip the download: briefwright finds that browser at run time.
const { existsSync } = require('node:fs');

const systemBrowsers = [
  process.env.PUPPETEER_EXECUTABLE_PATH,
  process.env.CHROME_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

module.exports = {
  skipDownload:
    process.env.PUPPETEER_SKIP_DOWNLOAD === '1' ||
    systemBrowsers.some((path) => path && existsSync(path)),
};
