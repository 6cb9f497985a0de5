import { envName, flagName, loadConfig, SETTINGS_HELP, type ConfigField, type TroupeConfig } from '../config/troupe.config.js';
import type { OptionSpec } from './cli-args.js';

type StringOption = OptionSpec & { readonly type: 'string' };

const CONFIG_FILE: StringOption = {
  type: 'string', value: 'FILE', description: 'JSON file of settings', defaultText: '$TROUPE_CONFIG, else ./troupe.json when present',
};

/** Every setting, for `troupe serve`. */
export const ALL_SETTINGS = Object.keys(SETTINGS_HELP) as readonly ConfigField[];

const optionName = (f: ConfigField): string => flagName(f).slice(2);

/**
 * `--config` and the flags of these settings (`dataDir` ⇄ `--data-dir`).
 * No parser default: a flag only wins over the file and TROUPE_* when given.
 */
export function configOptions(fields: readonly ConfigField[]): Readonly<Record<string, StringOption>> {
  return Object.fromEntries([['config', CONFIG_FILE], ...fields.map((f) => [optionName(f), settingOption(f)] as const)]);
}

function settingOption(f: ConfigField): StringOption {
  const help = SETTINGS_HELP[f];
  return { type: 'string', value: help.value, description: help.description, defaultText: `${help.default}; env ${envName(f)}` };
}

/** The configuration from the parsed flags, the config file, TROUPE_* and the defaults. */
export function configFrom(values: Readonly<Record<string, unknown>>): TroupeConfig {
  const given = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);
  const flags: Record<string, string> = {};
  for (const f of ALL_SETTINGS) {
    const v = given(optionName(f));
    if (v !== undefined) flags[f] = v;
  }
  const file = given('config');
  return loadConfig(file === undefined ? flags : { ...flags, config: file });
}

