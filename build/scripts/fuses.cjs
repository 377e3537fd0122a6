// electron-builder afterPack hook: flips Electron's fuses in the packaged binary (security
// checklist item 19). The packaged app cannot run as plain Node, ignores NODE_OPTIONS and the
// inspector flags, and loads its code only from the integrity-checked asar.
'use strict';
const path = require('node:path');

const FUSE_SETTINGS = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
};

async function afterPack(context) {
  const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');
  const name = context.packager.appInfo.productFilename;
  const executable = {
    darwin: path.join(context.appOutDir, `${name}.app`),
    win32: path.join(context.appOutDir, `${name}.exe`),
    linux: path.join(context.appOutDir, context.packager.executableName ?? name),
  }[context.electronPlatformName];
  const options = { version: FuseVersion.V1, resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' };
  for (const [fuse, enabled] of Object.entries(FUSE_SETTINGS)) options[FuseV1Options[fuse]] = enabled;
  await flipFuses(executable, options);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSE_SETTINGS = FUSE_SETTINGS;
