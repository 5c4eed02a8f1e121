// Per-site settings. Still CommonJS and the old storage API: migrating is on the roadmap.
const { storage } = require('@forge/api');

const DEFAULTS = { threshold: 0.8, channel: '#triage' };

async function load() {
  return { ...DEFAULTS, ...((await storage.get('settings')) ?? {}) };
}

module.exports = { load };
