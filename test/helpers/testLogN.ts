/** scrypt log2(N) for tests: 2^12 takes milliseconds; production's 2^17 is proven in the vault and CLI bundle tests. */
export const TEST_LOG_N = 12;
