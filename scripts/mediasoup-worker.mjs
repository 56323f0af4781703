#!/usr/bin/env node
// Builds the mediasoup worker (the C++ SFU process) offline, from the sources in mediasoup's npm
// tarball, against Debian's system libraries, and caches it outside the checkout.
//
// Why: mediasoup's own postinstall downloads a prebuilt worker from the internet and falls back
// to pip and meson wrap downloads. A hospital server or CI reaches only the npm registry and the
// Debian mirror, so package.json denies mediasoup's install script (allowScripts) and runs this.
//
// Usage:
//   node scripts/mediasoup-worker.mjs            build if needed, print the binary path
//   node scripts/mediasoup-worker.mjs --install  also copy it where the installed mediasoup
//                                                package looks for it (worker/out/Release)
//
// Plain Node, no dependencies: it must run from a fresh clone before `npm install` too.
//
// Limitation: the worker links Debian's shared libraries (libuv1, libsrtp2-1, libusrsctp2,
// libabsl20220623, libssl3); a server that runs it needs those packages, which the -dev
// packages named below pull in.
// Limitation: the allowScripts deny needs npm 11 (this project is installed with npm 11.19).
// npm 10, bundled with Node 20, ignores it and runs mediasoup's download; there, run
// `MEDIASOUP_WORKER_BIN=$(node scripts/mediasoup-worker.mjs) npm install` instead.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT_PATH = fileURLToPath(import.meta.url);
const PROJECT_DIR = path.resolve(path.dirname(SCRIPT_PATH), '..');

// Each system library the worker links, the pkg-config name that proves it is there, and the
// Debian package that brings it.
const SYSTEM_LIBS = [
  { pkgConfig: 'libuv', apt: 'libuv1-dev' },
  { pkgConfig: 'libsrtp2', apt: 'libsrtp2-dev' },
  { pkgConfig: 'usrsctp', apt: 'libusrsctp-dev' },
  { pkgConfig: 'openssl', apt: 'libssl-dev' },
  { pkgConfig: 'nlohmann_json', apt: 'nlohmann-json3-dev' },
  { pkgConfig: 'absl_flat_hash_map', apt: 'libabsl-dev' },
];

const BUILD_TOOLS = [
  { command: 'meson', apt: 'meson' },
  { command: 'ninja', apt: 'ninja-build' },
  { command: 'pkg-config', apt: 'pkg-config' },
  { command: 'c++', apt: 'g++' },
  { command: 'tar', apt: 'tar' },
];

// Stand-ins for mediasoup's download-based meson subprojects. Each exposes the variables that
// worker/meson.build reads with get_variable(), backed by dependency() on the system library.
// The *_lib variables only feed the static libmediasoup-worker target, which is not built by
// default, so an empty placeholder library satisfies meson's type check.
const SUBPROJECT_SHIMS = {
  openssl: {
    deps: { openssl_dep: ['openssl'] },
    placeholders: ['libcrypto_lib', 'libssl_lib'],
  },
  nlohmann_json: { deps: { nlohmann_json_dep: ['nlohmann_json'] } },
  libuv: {
    deps: { libuv_dep: ['libuv'] },
    placeholders: ['libuv'],
    options: ['build_tests', 'build_benchmarks'],
  },
  libsrtp2: {
    deps: { libsrtp2_dep: ['libsrtp2'] },
    // The worker includes <srtp.h>; Debian installs it under include/srtp2/.
    headerSubdir: 'srtp2',
    placeholders: ['libsrtp2'],
    options: ['crypto-library', 'crypto-library-kdf', 'tests'],
  },
  usrsctp: {
    deps: { usrsctp_dep: ['usrsctp'] },
    placeholders: ['usrsctp'],
    options: ['sctp_build_programs'],
  },
  'abseil-cpp': {
    deps: {
      absl_container_dep: [
        'absl_flat_hash_map',
        'absl_flat_hash_set',
        'absl_btree',
        'absl_inlined_vector',
      ],
      absl_strings_dep: ['absl_strings'],
      absl_types_dep: ['absl_optional'],
    },
    placeholders: ['absl_container_lib'],
  },
  // Catch2 only serves the worker's own unit tests, which we do not build.
  catch2: { deps: { catch2_dep: [] } },
};

main();

function main() {
  const wantInstall = process.argv.includes('--install');
  const version = declaredMediasoupVersion();
  const binary = path.join(cacheDir(), cacheKey(version), 'mediasoup-worker');

  if (fs.existsSync(binary)) {
    log(`cached worker for mediasoup ${version} found`);
  } else {
    checkPrerequisites();
    build(version, binary);
  }

  if (wantInstall) installIntoPackage(version, binary);

  process.stdout.write(`${binary}\n`);
}

/** The exact mediasoup version pinned in the project's package.json. */
function declaredMediasoupVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, 'package.json'), 'utf8'));
  const version = pkg.dependencies?.mediasoup;

  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    fail(`package.json must pin mediasoup to an exact version; found ${JSON.stringify(version)}`);
  }

  // NOTE: the subproject shims mirror worker/meson.build of the 3.12 line. 3.13 and later add
  // flatbuffers and rename variables: the shims must be revisited before moving on.
  if (!version.startsWith('3.12.')) {
    fail(`the offline worker build knows mediasoup 3.12.x only; package.json asks ${version}`);
  }

  return version;
}

function cacheDir() {
  const base = process.env.ARCHIPEL_CACHE_DIR || path.join(os.homedir(), '.cache', 'archipel');
  return path.join(base, 'mediasoup-worker');
}

/** mediasoup version + OS release + this script's own hash: any change rebuilds. */
function cacheKey(version) {
  const release = fs.readFileSync('/etc/os-release', 'utf8');
  const field = (name) => release.match(new RegExp(`^${name}="?([^"\\n]*)"?$`, 'm'))?.[1];
  const osRelease = `${field('ID') ?? 'unknown'}${field('VERSION_ID') ?? ''}`;
  const scriptHash = createHash('sha256').update(fs.readFileSync(SCRIPT_PATH)).digest('hex');

  return `${version}-${osRelease}-${process.arch}-${scriptHash.slice(0, 16)}`;
}

function checkPrerequisites() {
  const missing = [];

  for (const tool of BUILD_TOOLS) {
    if (run('/bin/sh', ['-c', `command -v ${tool.command}`], { quiet: true }).status !== 0) {
      missing.push(tool.apt);
    }
  }

  // Without pkg-config no library can be probed; its absence is already reported above.
  if (!missing.includes('pkg-config')) {
    for (const lib of SYSTEM_LIBS) {
      if (run('pkg-config', ['--exists', lib.pkgConfig], { quiet: true }).status !== 0) {
        missing.push(lib.apt);
      }
    }
  }

  if (missing.length > 0) {
    fail(
      `cannot build the mediasoup worker: missing Debian package(s) ${missing.join(', ')}.\n` +
        `Install them with: apt-get install -y ${missing.join(' ')}`,
    );
  }
}

function build(version, binary) {
  const started = Date.now();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'archipel-mediasoup-'));

  try {
    log(`fetching mediasoup ${version} sources from the npm registry`);
    const packed = run('npm', ['pack', `mediasoup@${version}`, '--pack-destination', workDir], {
      cwd: workDir,
      capture: true,
    });
    const tarball = path.join(workDir, packed.stdout.trim().split('\n').pop());
    run('tar', ['xzf', tarball, '-C', workDir]);

    const workerDir = path.join(workDir, 'package', 'worker');
    useSystemLibraries(workerDir);

    log('configuring with meson (system libraries, release build)');
    const buildDir = path.join(workDir, 'build');
    run('meson', [
      'setup',
      buildDir,
      workerDir,
      '--buildtype',
      'release',
      '-Db_ndebug=true',
      '-Db_pie=true',
      '--wrap-mode',
      'nodownload',
    ]);

    log('compiling the worker with ninja (several minutes on 2 cores)');
    run('ninja', ['-C', buildDir, 'mediasoup-worker']);

    // Copy then rename, so a concurrent reader never sees half a binary.
    fs.mkdirSync(path.dirname(binary), { recursive: true });
    const partial = `${binary}.${process.pid}.partial`;
    fs.copyFileSync(path.join(buildDir, 'mediasoup-worker'), partial);
    fs.chmodSync(partial, 0o755);
    fs.renameSync(partial, binary);

    log(`built in ${Math.round((Date.now() - started) / 1000)} s: ${binary}`);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

/**
 * Replaces the worker's wrap files (which download sources) with local subprojects that point
 * at system libraries, and lets Debian 12's meson 1.0 read the build file.
 */
function useSystemLibraries(workerDir) {
  const subprojects = path.join(workerDir, 'subprojects');

  for (const wrap of fs.readdirSync(subprojects).filter((name) => name.endsWith('.wrap'))) {
    fs.rmSync(path.join(subprojects, wrap));
  }

  for (const [name, shim] of Object.entries(SUBPROJECT_SHIMS)) {
    const dir = path.join(subprojects, name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'meson.build'), shimMesonBuild(name, shim));
    fs.writeFileSync(path.join(dir, 'meson_options.txt'), shimOptions(shim.options ?? []));
    fs.writeFileSync(path.join(dir, 'placeholder.c'), 'int archipel_placeholder;\n');
  }

  // NOTE: upstream asks meson >= 1.1.0 for its own wrap handling; with the wraps gone, the
  // 1.0.1 shipped by Debian 12 configures the worker unchanged.
  const mesonBuild = path.join(workerDir, 'meson.build');
  const original = fs.readFileSync(mesonBuild, 'utf8');
  const patched = original.replace("meson_version: '>= 1.1.0'", "meson_version: '>= 1.0.0'");
  if (patched === original) fail('worker/meson.build no longer declares meson >= 1.1.0');
  fs.writeFileSync(mesonBuild, patched);
}

function shimMesonBuild(name, shim) {
  const lines = [`project('${name}', 'c')`, ''];

  for (const [variable, modules] of Object.entries(shim.deps)) {
    const deps = modules.map((module) => `dependency('${module}')`).join(', ');
    const headers = shim.headerSubdir
      ? `, compile_args: ['-I' + dependency('${modules[0]}')` +
        `.get_variable(pkgconfig: 'includedir') / '${shim.headerSubdir}']`
      : '';
    lines.push(`${variable} = declare_dependency(dependencies: [${deps}]${headers})`);
  }

  for (const variable of shim.placeholders ?? []) {
    lines.push(
      `${variable} = static_library('${variable}_placeholder', 'placeholder.c',` +
        ' build_by_default: false)',
    );
  }

  return `${lines.join('\n')}\n`;
}

/** Declares the options worker/meson.build passes to the real subproject, so meson accepts them. */
function shimOptions(options) {
  return options.map((option) => `option('${option}', type: 'string', value: '')\n`).join('');
}

function installIntoPackage(version, binary) {
  const packageDir = path.join(PROJECT_DIR, 'node_modules', 'mediasoup');
  const manifest = path.join(packageDir, 'package.json');
  if (!fs.existsSync(manifest)) fail('mediasoup is not in node_modules yet; run npm install');
  const installed = JSON.parse(fs.readFileSync(manifest, 'utf8'));

  if (installed.version !== version) {
    fail(`node_modules has mediasoup ${installed.version}, package.json pins ${version}`);
  }

  // mediasoup looks here when MEDIASOUP_WORKER_BIN is not set, so the server, the tests and any
  // tool run without extra environment.
  const target = path.join(packageDir, 'worker', 'out', 'Release', 'mediasoup-worker');
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  fs.copyFileSync(binary, partial);
  fs.chmodSync(partial, 0o755);
  fs.renameSync(partial, target);

  log(`installed the worker into ${path.relative(PROJECT_DIR, target)}`);
}

function run(command, args, { cwd, capture = false, quiet = false } = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    // stdout stays reserved for the binary path, so children write their progress to stderr.
    stdio: capture || quiet ? ['ignore', 'pipe', 'pipe'] : ['ignore', 2, 2],
  });

  if (quiet) return result;

  if (result.error || result.status !== 0) {
    if (capture) process.stderr.write(result.stderr ?? '');
    fail(
      `${command} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`,
    );
  }

  return result;
}

function log(message) {
  process.stderr.write(`[mediasoup-worker] ${message}\n`);
}

function fail(message) {
  process.stderr.write(`[mediasoup-worker] ERROR: ${message}\n`);
  process.exit(1);
}
