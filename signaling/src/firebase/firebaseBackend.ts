import { randomUUID } from "node:crypto";
import { applicationDefault, deleteApp, initializeApp } from "firebase-admin/app";
import { getAuth } from "firebase-admin/auth";
import { getFirestore } from "firebase-admin/firestore";
import type { Backend } from "../backend";
import type { FirebaseSettings } from "../config";
import { FirestoreRecordingStore } from "../recordings/firestoreRecordingStore";
import { FirebaseTokenVerifier } from "./firebaseTokenVerifier";

/**
 * Accounts in Firebase Auth (the browser signs in; the server checks ID tokens) and
 * recordings in Firestore, both through firebase-admin. With the emulator variables
 * (`FIREBASE_AUTH_EMULATOR_HOST`, `FIRESTORE_EMULATOR_HOST`) set, it talks to the
 * emulators and needs no credentials.
 */
export function createFirebaseBackend(settings: FirebaseSettings): Backend {
  const usesEmulators = Boolean(settings.authEmulatorHost && settings.firestoreEmulatorHost);
  if (usesEmulators) {
    // The Firestore client asks Google's auth library which "universe" it is in, and that
    // probes the cloud metadata server (169.254.169.254, 3 s) unless told there is none.
    // With the emulators nothing outside may be contacted (gcp-metadata reads this).
    process.env.METADATA_SERVER_DETECTION ??= "none";
  }
  const app = initializeApp(
    {
      projectId: settings.projectId,
      // Real projects: a service account through GOOGLE_APPLICATION_CREDENTIALS.
      ...(usesEmulators ? {} : { credential: applicationDefault() }),
    },
    // A name of its own, so several servers (tests) can live in one process.
    `nicepiano-${randomUUID()}`,
  );
  return {
    kind: "firebase",
    accountsConfig: {
      backend: "firebase",
      firebase: {
        apiKey: settings.apiKey,
        authDomain: settings.authDomain,
        projectId: settings.projectId,
        ...(settings.authEmulatorUrl ? { authEmulatorUrl: settings.authEmulatorUrl } : {}),
      },
    },
    verifier: new FirebaseTokenVerifier(getAuth(app)),
    recordings: new FirestoreRecordingStore(getFirestore(app)),
    close: () => deleteApp(app),
  };
}
