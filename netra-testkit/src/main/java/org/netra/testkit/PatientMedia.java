package org.netra.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A patient CD as referrals bring it, made from shared/data by DCMTK: the first three slices of the
 * 177Lu SPECT (SCAN_001) and the first two of the sarcoma patient's CT, in ISO 9660 names
 * ({@code SPECT/IM1}, {@code CT/IM1}, ...), indexed by a DICOMDIR written by {@code dcmmkdir}. DCMTK's
 * general-purpose profile wants explicit VR little endian, so each file first passes {@code dcmconv +te}.
 */
public final class PatientMedia {
    /** How many files of each series the medium holds. */
    public static final int SPECT_FILES = 3;

    public static final int CT_FILES = 2;

    private PatientMedia() {}

    /** Writes the medium into {@code folder} and returns its DICOMDIR. */
    public static Path make(Path folder) throws IOException, InterruptedException {
        ExternalTool.require("dcmmkdir", "dcmtk");
        ExternalTool.require("dcmconv", "dcmtk");
        List<String> names = new ArrayList<>();
        names.addAll(copy(TestData.path("dicom/lu177-dotatate-spect/SCAN_001/image"), folder, "SPECT", SPECT_FILES));
        names.addAll(copy(TestData.path("dicom/fdg-pet-sts001/ct/image"), folder, "CT", CT_FILES));
        List<String> cmd = new ArrayList<>(List.of(
                "/usr/bin/dcmmkdir",
                "-Pgp",
                "+m",
                "--input-directory",
                folder.toString(),
                "--output-file",
                folder.resolve("DICOMDIR").toString()));
        cmd.addAll(names);
        ExternalTool.Result r = ExternalTool.run(cmd);
        if (r.exitCode() != 0) {
            throw new IOException("dcmmkdir failed: " + r.err());
        }
        return folder.resolve("DICOMDIR");
    }

    /**
     * Writes a whole cycle's CD into {@code folder}: both time points of the 177Lu SPECT (SCAN_001, SCAN_002,
     * 199 slices each) and SCAN_001's RTSTRUCT, every file in one flat folder {@code DICOM/} with ISO 9660 names
     * ({@code I0000001}, ...) as CD writers lay them out, so only the DICOMDIR tells the series apart. The
     * SPECT is explicit VR little endian already; the RTSTRUCT passes {@code dcmconv +te}. The DICOMDIR lists all
     * three series.
     */
    public static Path makeCycle(Path folder) throws IOException, InterruptedException {
        ExternalTool.require("dcmmkdir", "dcmtk");
        ExternalTool.require("dcmconv", "dcmtk");
        Path spect = TestData.path("dicom/lu177-dotatate-spect");
        Path dicom = Files.createDirectories(folder.resolve("DICOM"));
        List<String> names = new ArrayList<>();
        for (String scan : List.of("SCAN_001", "SCAN_002")) {
            try (Stream<Path> s = Files.list(spect.resolve(scan).resolve("image"))) {
                for (Path f : s.sorted().toList()) {
                    String name = String.format(java.util.Locale.ROOT, "DICOM/I%07d", names.size() + 1);
                    Files.copy(f, folder.resolve(name));
                    names.add(name);
                }
            }
        }
        Path rtstruct;
        try (Stream<Path> s = Files.list(spect.resolve("SCAN_001").resolve("mask"))) {
            rtstruct = s.sorted().findFirst().orElseThrow();
        }
        String name = String.format(java.util.Locale.ROOT, "DICOM/I%07d", names.size() + 1);
        run(List.of(
                "/usr/bin/dcmconv",
                "+te",
                rtstruct.toString(),
                folder.resolve(name).toString()));
        names.add(name);
        List<String> cmd = new ArrayList<>(List.of(
                "/usr/bin/dcmmkdir",
                "-Pgp",
                // the RTSTRUCT lacks Instance Number, which its directory record needs: without inventing one,
                // dcmmkdir leaves it out of the index (with a warning), unlike a real CD's writer
                "--invent",
                "--input-directory",
                folder.toString(),
                "--output-file",
                folder.resolve("DICOMDIR").toString()));
        cmd.addAll(names);
        run(cmd);
        return folder.resolve("DICOMDIR");
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        ExternalTool.Result r = ExternalTool.run(cmd);
        if (r.exitCode() != 0) {
            throw new IOException(cmd.getFirst() + " failed: " + r.err());
        }
    }

    private static List<String> copy(Path from, Path folder, String name, int count)
            throws IOException, InterruptedException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(Files::isRegularFile).sorted().limit(count).toList();
        }
        Files.createDirectories(folder.resolve(name));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            String relative = name + "/IM" + (i + 1);
            ExternalTool.Result r = ExternalTool.run(List.of(
                    "/usr/bin/dcmconv",
                    "+te",
                    files.get(i).toString(),
                    folder.resolve(relative).toString()));
            if (r.exitCode() != 0) {
                throw new IOException("dcmconv failed on " + files.get(i) + ": " + r.err());
            }
            names.add(relative);
        }
        return names;
    }
}
