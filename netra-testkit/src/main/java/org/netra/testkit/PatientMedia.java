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
