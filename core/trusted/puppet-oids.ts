/**
 * Puppet's certificate-extension OIDs and their short names, as Puppet
 * registers them (`lib/puppet/ssl/oids.rb`) and puppetserver's CA knows
 * them. Short names are what `csr_attributes.yaml` and `$trusted['extensions']`
 * use (`pp_role`); anything else appears under its dotted OID.
 */

/** The arc under which Puppet's own extensions live. */
export const PUPPET_OID_ARC = '1.3.6.1.4.1.34380.1';
/** Registered extensions (`pp_uuid` … `pp_owner`): copied from a CSR into its certificate. */
export const PP_REG_CERT_EXT = '1.3.6.1.4.1.34380.1.1';
/** Private extensions: free for a site's own use, copied like the registered ones. */
export const PP_PRIV_CERT_EXT = '1.3.6.1.4.1.34380.1.2';
/** Authorization extensions: grant rights, so a CA signs them only when told to. */
export const PP_AUTH_CERT_EXT = '1.3.6.1.4.1.34380.1.3';
/** Marks the server's own certificate; never accepted from a CSR. */
export const PP_CLI_AUTH = '1.3.6.1.4.1.34380.1.3.39';
/** CSR attribute by which an agent says it can renew its certificate. */
export const PP_AUTH_AUTO_RENEW = '1.3.6.1.4.1.34380.1.3.2';

/** [OID, short name, long name], as Puppet registers them with OpenSSL. */
export const PUPPET_OIDS: readonly (readonly [oid: string, shortName: string, longName: string])[] = [
  ['1.3.6.1.4.1.34380', 'puppetlabs', 'Puppet Labs'],
  [PUPPET_OID_ARC, 'ppCertExt', 'Puppet Certificate Extension'],
  [PP_REG_CERT_EXT, 'ppRegCertExt', 'Puppet Registered Certificate Extension'],
  ['1.3.6.1.4.1.34380.1.1.1', 'pp_uuid', 'Puppet Node UUID'],
  ['1.3.6.1.4.1.34380.1.1.2', 'pp_instance_id', 'Puppet Node Instance ID'],
  ['1.3.6.1.4.1.34380.1.1.3', 'pp_image_name', 'Puppet Node Image Name'],
  ['1.3.6.1.4.1.34380.1.1.4', 'pp_preshared_key', 'Puppet Node Preshared Key'],
  ['1.3.6.1.4.1.34380.1.1.5', 'pp_cost_center', 'Puppet Node Cost Center Name'],
  ['1.3.6.1.4.1.34380.1.1.6', 'pp_product', 'Puppet Node Product Name'],
  ['1.3.6.1.4.1.34380.1.1.7', 'pp_project', 'Puppet Node Project Name'],
  ['1.3.6.1.4.1.34380.1.1.8', 'pp_application', 'Puppet Node Application Name'],
  ['1.3.6.1.4.1.34380.1.1.9', 'pp_service', 'Puppet Node Service Name'],
  ['1.3.6.1.4.1.34380.1.1.10', 'pp_employee', 'Puppet Node Employee Name'],
  ['1.3.6.1.4.1.34380.1.1.11', 'pp_created_by', 'Puppet Node created_by Tag'],
  ['1.3.6.1.4.1.34380.1.1.12', 'pp_environment', 'Puppet Node Environment Name'],
  ['1.3.6.1.4.1.34380.1.1.13', 'pp_role', 'Puppet Node Role Name'],
  ['1.3.6.1.4.1.34380.1.1.14', 'pp_software_version', 'Puppet Node Software Version'],
  ['1.3.6.1.4.1.34380.1.1.15', 'pp_department', 'Puppet Node Department Name'],
  ['1.3.6.1.4.1.34380.1.1.16', 'pp_cluster', 'Puppet Node Cluster Name'],
  ['1.3.6.1.4.1.34380.1.1.17', 'pp_provisioner', 'Puppet Node Provisioner Name'],
  ['1.3.6.1.4.1.34380.1.1.18', 'pp_region', 'Puppet Node Region Name'],
  ['1.3.6.1.4.1.34380.1.1.19', 'pp_datacenter', 'Puppet Node Datacenter Name'],
  ['1.3.6.1.4.1.34380.1.1.20', 'pp_zone', 'Puppet Node Zone Name'],
  ['1.3.6.1.4.1.34380.1.1.21', 'pp_network', 'Puppet Node Network Name'],
  ['1.3.6.1.4.1.34380.1.1.22', 'pp_securitypolicy', 'Puppet Node Security Policy Name'],
  ['1.3.6.1.4.1.34380.1.1.23', 'pp_cloudplatform', 'Puppet Node Cloud Platform Name'],
  ['1.3.6.1.4.1.34380.1.1.24', 'pp_apptier', 'Puppet Node Application Tier'],
  ['1.3.6.1.4.1.34380.1.1.25', 'pp_hostname', 'Puppet Node Hostname'],
  ['1.3.6.1.4.1.34380.1.1.26', 'pp_owner', 'Puppet Node Owner'],
  [PP_PRIV_CERT_EXT, 'ppPrivCertExt', 'Puppet Private Certificate Extension'],
  [PP_AUTH_CERT_EXT, 'ppAuthCertExt', 'Puppet Certificate Authorization Extension'],
  ['1.3.6.1.4.1.34380.1.3.1', 'pp_authorization', 'Certificate Extension Authorization'],
  [PP_AUTH_AUTO_RENEW, 'pp_auth_auto_renew', 'Auto-Renew Certificate Attribute'],
  ['1.3.6.1.4.1.34380.1.3.13', 'pp_auth_role', 'Puppet Node Role Name for Authorization'],
  [PP_CLI_AUTH, 'pp_cli_auth', 'Puppetserver CA CLI Authorization'],
];

const BY_OID = new Map(PUPPET_OIDS.map(([oid, short]) => [oid, short]));
const BY_SHORT_NAME = new Map(PUPPET_OIDS.map(([oid, short]) => [short, oid]));

/** `1.3.6.1.4.1.34380.1.1.13` → `pp_role`; undefined for an OID Puppet does not name. */
export function shortNameForOid(oid: string): string | undefined {
  return BY_OID.get(oid);
}

/** `pp_role` → `1.3.6.1.4.1.34380.1.1.13`; a dotted OID is returned as it is. */
export function oidForName(name: string): string | undefined {
  return BY_SHORT_NAME.get(name) ?? (/^\d+(\.\d+)+$/.test(name) ? name : undefined);
}

/** Whether `oid` lies strictly below `arc` (puppetserver's `subtree-of?`). */
export function isUnderArc(arc: string, oid: string): boolean {
  return oid.startsWith(`${arc}.`);
}
