#!/usr/bin/env bash
# Installs what the test suite needs on a Debian machine: system packages (Chromium for the UI
# tests, dcmtk / dicom3tools / dcm2niix / pydicom / gdcm / Orthanc as reference tools and real
# DICOM peers, CJK fonts for screenshots and PDFs, PyTorch as the independent executor of the
# original model weights in the converter equivalence tests: 163 packages, ~570 MB, 1m50s here), then
# the npm dependencies from the lock file.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(chromium dcmtk dicom3tools dcm2niix python3-pydicom python3-numpy python3-scipy libgdcm-tools orthanc orthanc-dicomweb xvfb fonts-noto-cjk python3-torch fonts-droid-fallback fonts-dejavu-core poppler-utils)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
done
if ((${#missing[@]} > 0)); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts Orthanc as a system service on install; the tests start their own instances.
  if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl stop orthanc >/dev/null 2>&1 || true; fi
  $SUDO service orthanc stop >/dev/null 2>&1 || true
fi

# onnxruntime-node's postinstall only downloads optional GPU binaries; it is denied in allowScripts.
export ONNXRUNTIME_NODE_INSTALL=skip
npm ci --no-audit --no-fund
