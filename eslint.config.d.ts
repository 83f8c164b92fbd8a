/** Types of what eslint.config.js exports besides the config, for test/unit/lint. */
export declare const NO_TEST_KDF: { selector: string; message: string };
export declare const TEST_KDF_ALLOWED: string[];
export declare const NO_TEST_IDLE: { selector: string; message: string };
export declare const TEST_IDLE_ALLOWED: string[];
declare const config: unknown[];
export default config;
