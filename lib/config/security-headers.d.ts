export interface HeaderRule {
  source: string;
  has?: Array<{ type: 'header'; key: string; value: string }>;
  headers: Array<{ key: string; value: string }>;
}
export const API_PATHS: string;
export const CAMERA_PAGES: string[];
export const EVERY_PATH: string;
export const CAMERA_PERMISSIONS_POLICY: string;
export const PERMISSIONS_POLICY: string;
export const LINE_API_HOSTS: string[];
export const LINE_SCRIPT_HOSTS: string[];
export const API_CONTENT_SECURITY_POLICY: string;
export const STRICT_TRANSPORT_SECURITY: string;
export function pageContentSecurityPolicy(options: { dev: boolean }): string;
export function securityHeaderRules(options: { dev: boolean }): HeaderRule[];
