/** The seed and password of the demo data every test database holds. */
export const TEST_SEED = 4309;
export const TEST_PASSWORD = 'test-password';
