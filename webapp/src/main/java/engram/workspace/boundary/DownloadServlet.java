package engram.workspace.boundary;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import engram.accounts.control.CurrentUser;
import engram.accounts.entity.Account;
import engram.archive.control.StudyArchives;
import engram.core.format.ExportCsv;
import engram.core.format.SequencesCsv;
import engram.experiment.control.ExperimentDesign;
import engram.experiment.control.ExperimentOverview;
import engram.experiment.entity.Experiment;
import engram.export.control.ExportWriter;
import engram.export.control.ReportExport;
import engram.platform.ClientError;
import engram.results.control.Results;
import engram.workspace.control.SessionsDue;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Workspace downloads: /admin/files/{slug}/sequences.csv, /admin/files/{slug}/allowlist.csv (PROLIFIC_PIDs due now), /admin/files/{slug}/study.zip (the study archive), /admin/files/{slug}/report.html?download= (the results page's analysis) and /admin/files/{slug}/export.zip?pilot=&amp;images=&amp;report= (streamed; with report=true
 * the analysis is added under analysis/). */
@WebServlet("/admin/files/*")
public class DownloadServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Pattern PATH = Pattern.compile("/([a-z0-9][a-z0-9-]{0,63})/(sequences\\.csv|export\\.zip|report\\.html|study\\.zip|allowlist\\.csv)");

    @Inject
    transient ExperimentDesign design;
    @Inject
    transient ExperimentOverview experiments;
    @Inject
    transient ExportWriter exports;
    @Inject
    transient CurrentUser currentUser;
    @Inject
    transient ReportExport reports;
    @Inject
    transient StudyArchives archives;
    @Inject
    transient Results results;
    @Inject
    transient SessionsDue sessionsDue;

    /** The report of the results page's current analysis (waiting up to a minute for a new one), inline or as a download. */
    private void report(Experiment experiment, boolean download, HttpServletResponse response) throws IOException {
        Results.Analysed analysed = results.current(experiment, Duration.ofMinutes(1)).analysed();
        if (analysed == null) {
            response.sendError(503, "The analysis of '" + experiment.slug() + "' is still being computed; try again in a minute.");
            return;
        }
        if (analysed.failed()) {
            response.sendError(409, analysed.error());
            return;
        }
        response.setContentType("text/html; charset=UTF-8");
        if (download) {
            response.setHeader("Content-Disposition", "attachment; filename=\"engram-" + experiment.slug() + "-report.html\"");
        }
        response.getOutputStream().write(analysed.reportHtml().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Matcher path = PATH.matcher(String.valueOf(request.getPathInfo()));
        if (!path.matches()) {
            response.sendError(404);
            return;
        }
        Experiment experiment;
        try {
            currentUser.require(Account.Role.ANALYST);
            experiment = experiments.find(path.group(1));
        } catch (ClientError e) {
            response.sendError(e.status(), e.getMessage());
            return;
        }
        switch (path.group(2)) {
            case "sequences.csv" -> sequences(experiment, response);
            case "allowlist.csv" -> allowlist(experiment, response);
            case "study.zip" -> study(experiment, response);
            case "report.html" -> report(experiment, "true".equals(request.getParameter("download")), response);
            default -> export(experiment, request, response);
        }
    }

    private void sequences(Experiment experiment, HttpServletResponse response) throws IOException {
        Writer out = csv(response, experiment.slug() + "-sequences.csv");
        if (experiment.phasesJson() != null) {
            SequencesCsv.writePhases(design.phaseLists(experiment), out);
        } else {
            SequencesCsv.write(design.sequences(experiment), out);
        }
        out.flush();
    }

    /** The PROLIFIC_PIDs whose next session's window is open now (docs/workspace.md, "Sessions due"). */
    private void allowlist(Experiment experiment, HttpServletResponse response) throws IOException {
        Writer out = csv(response, experiment.slug() + "-allowlist.csv");
        ExportCsv csv = new ExportCsv(out);
        csv.row(new Object[] {"participant_id"});
        for (String pid : sessionsDue.eligibleNow(experiment)) {
            csv.row(new Object[] {pid});
        }
        out.flush();
    }

    private static Writer csv(HttpServletResponse response, String fileName) throws IOException {
        response.setContentType("text/csv; charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        return new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
    }

    private void study(Experiment experiment, HttpServletResponse response) throws IOException {
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"engram-" + experiment.slug() + "-study.zip\"");
        archives.write(experiment.slug(), response.getOutputStream());
    }

    /** The export zip, streamed; with report=true the analysis is added under analysis/. */
    private void export(Experiment experiment, HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean pilot = "true".equals(request.getParameter("pilot"));
        boolean images = !"false".equals(request.getParameter("images"));
        boolean report = "true".equals(request.getParameter("report"));
        String name = "engram-" + experiment.slug() + (pilot ? "-with-pilot" : "") + (report ? "-with-report" : "") + "-export.zip";
        response.setContentType("application/zip");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
        if (!report) {
            exports.write(experiment, pilot, images, response.getOutputStream());
            return;
        }
        try {
            reports.write(experiment, pilot, images, response.getOutputStream());
        } catch (ClientError e) {
            response.reset();
            response.sendError(e.status(), e.getMessage());
        }
    }
}
