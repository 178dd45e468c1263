// An NFS export offered as a PersistentVolume, and a claim that binds to it by class.
import { persistentVolume, persistentVolumeClaim, toYaml } from "piceli";

export const share = persistentVolume("shared-media", "500Gi")
  .accessModes("ReadWriteMany")
  .storageClassName("nfs")
  .reclaimPolicy("Retain")
  .nfs("nfs.internal.example.com", "/exports/media");
export const claim = persistentVolumeClaim("media", "500Gi").accessModes("ReadWriteMany").storageClassName("nfs");

process.stdout.write(toYaml(share, claim));
