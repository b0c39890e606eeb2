import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AjvModule from 'ajv';
import formatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ROOT, SCHEMA } from './helpers.ts';

// The official Frictionless Data Package v2 profiles are not shipped in this
// repository; CI has them beside it in ../shared/reference.
const PROFILES = path.resolve(ROOT, '..', 'shared', 'reference', 'frictionless-v2');
const haveProfiles = existsSync(path.join(PROFILES, 'datapackage.json'));
const release = path.join(ROOT, 'dist', SCHEMA.name, SCHEMA.version);

// ajv and ajv-formats are CommonJS with a default export; under NodeNext the
// default arrives as the module object.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule.default }).default;
const addFormats = (formatsModule as unknown as { default: typeof formatsModule.default }).default;

describe('datapackage.json against the Frictionless Data Package v2 profile', () => {
  it.skipIf(!haveProfiles)('is valid (skipped where ../shared/reference/frictionless-v2 is absent: the profile is not shipped here)', () => {
    const profile = JSON.parse(readFileSync(path.join(PROFILES, 'datapackage.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addFormat('textarea', true); // an editor hint in the profile, not a constraint
    const validate = ajv.compile(profile);
    const descriptor = JSON.parse(readFileSync(path.join(release, 'datapackage.json'), 'utf8'));
    const ok = validate(descriptor);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // The profile must be able to fail: a descriptor without resources is invalid.
    expect(validate({ name: 'x' })).toBe(false);
  });
});
