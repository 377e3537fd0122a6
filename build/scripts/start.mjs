// `npm start`: builds, then starts the Electron app. Where the Electron binary is not installed
// (offline machines: its installer downloads it), says so in one line and serves the same UI
// through the loopback web host in a Chromium app window instead.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNode, buildRenderer } from './build.mjs';
import { findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
process.chdir(root);

await buildNode();
await buildRenderer();

const electronBinary = findElectronBinary();
if (electronBinary) {
  const child = spawn(electronBinary, [root], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('Electron binary not installed; starting the Yingdu web host on 127.0.0.1 in a Chromium app window instead.');
  await startWebFallback();
}

function findChromium() {
  const candidates = [
    process.env.CHROMIUM_PATH,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ];
  return candidates.find((candidate) => candidate && existsSync(candidate)) ?? null;
}

async function startWebFallback() {
  const server = spawn(process.execPath, [path.join(root, 'dist', 'cli.cjs'), 'serve', '--port', '0', '--json', ...process.argv.slice(2)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const started = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      try {
        resolve(JSON.parse(out));
      } catch {
        // the JSON document is not complete yet
      }
    });
    server.once('exit', (code) => reject(new Error(`the web host exited with status ${code}`)));
  });
  const stop = () => server.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const chromium = findChromium();
  const headless = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
  if (!chromium || headless) {
    console.log(`${chromium ? 'No display found' : 'No Chromium found'}; open this address in Chromium or Chrome: ${started.url}`);
    server.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  // A profile of its own keeps the workstation's window apart from the user's browser.
  const profile = path.join(process.env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), 'Yingdu', 'chromium-profile');
  mkdirSync(profile, { recursive: true });
  const browser = spawn(
    chromium,
    [
      `--app=${started.url}`,
      `--user-data-dir=${profile}`,
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--window-size=1600,1000',
      '--disable-features=Translate',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
    { stdio: 'ignore' },
  );
  browser.on('exit', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}
