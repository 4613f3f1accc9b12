/**
 * The Firebase emulators NicePiano's tests use, on fixed ports for trying the Firebase
 * back end by hand (or in docker-compose): the Auth emulator of firebase-tools on 9099 and
 * the Firestore emulator of @firestore-emulator/server on 8081. No Java, no cloud.
 *
 *   npm run emulators          (AUTH_HOST=0.0.0.0 to accept other machines)
 */
import { EMULATED_PROJECT, startFirebaseEmulators } from "@nicepiano/signaling/testing";

const emulators = await startFirebaseEmulators({
  authHost: process.env.AUTH_HOST || "127.0.0.1",
  authPort: 9099,
  firestorePort: 8081,
});
const { authEmulatorHost, firestoreEmulatorHost } = emulators.settings;
console.log(`Firebase emulators for project ${EMULATED_PROJECT}:`);
console.log(`  Auth      ${authEmulatorHost}`);
console.log(`  Firestore ${firestoreEmulatorHost} (listening on every address)`);
console.log(
  `Run NicePiano on them: BACKEND=firebase FIREBASE_PROJECT_ID=${EMULATED_PROJECT} ` +
    `FIREBASE_AUTH_EMULATOR_HOST=${authEmulatorHost} FIRESTORE_EMULATOR_HOST=${firestoreEmulatorHost} npm start`,
);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void emulators.stop().then(() => process.exit(0)));
}
