import { projectConfig } from '../../jest.preset.js';

// The development and setup scripts (stream provisioning), tested against the test file's own NATS account.
export default projectConfig(import.meta.dirname);
