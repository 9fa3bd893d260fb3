// Barrel of src/doctor: what `rankbias doctor` checks and prints.
export { runDoctor, formatDoctor, type DoctorOptions } from './run-doctor.js';
export { pingRedis, redisCheck } from './redis-ping.js';
