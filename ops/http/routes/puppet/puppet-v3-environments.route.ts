import { join, resolve } from 'node:path';
import { moduleDirsOf, readEnvironmentConf } from '../../../../core/compiler/puppet/loader/environment-code.js';
import type { TroupeApp } from '../../../app/troupe-app.js';
import { sendJson } from '../../http-io.js';
import type { Route } from '../../http-router.js';
import { puppetRoute, requireJsonAccepted } from './puppet-v3.js';

/**
 * Puppet's `GET /puppet/v3/environments`. Troupe's code directory is one
 * environment that serves every environment name; it is listed as
 * `production`, the name agents use unless told otherwise. `node` access
 * without a certname parameter: any node with a valid certificate, as in
 * puppetserver's auth.conf.
 */
export function puppetV3EnvironmentsRoute(app: TroupeApp): Route {
  return puppetRoute({
    method: 'GET',
    pattern: /^\/puppet\/v3\/environments$/,
    access: 'node',
    handle({ req, res }) {
      requireJsonAccepted(req);
      const dir = app.config.codeDir;
      const conf = readEnvironmentConf(join(dir, 'environment.conf'));
      sendJson(res, 200, {
        search_paths: [dir],
        environments: {
          production: {
            settings: {
              modulepath: moduleDirsOf(dir, conf),
              manifest: resolve(dir, conf['manifest'] ?? 'manifests'),
              // Code is re-checked within a second of every change (the compiler's checkIntervalMs).
              environment_timeout: 0,
              config_version: conf['config_version'] ?? '',
            },
          },
        },
      });
    },
  });
}
