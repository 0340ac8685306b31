package engram.app;

import java.util.List;

import engram.accounts.entity.Account;
import engram.accounts.entity.ApiToken;
import engram.archive.entity.ProtocolVersion;
import engram.audit.entity.AuditEvent;
import engram.experiment.entity.Collaborator;
import engram.experiment.entity.Experiment;
import engram.experiment.entity.SequenceItem;
import engram.platform.EntityList;
import engram.run.entity.Box;
import engram.run.entity.ProlificEvent;
import engram.run.entity.Run;
import engram.run.entity.RunEvent;
import engram.run.entity.RunPhase;
import engram.run.entity.RunSession;
import engram.run.entity.Trial;
import engram.stimuli.entity.ImageBlob;
import engram.stimuli.entity.Stimulus;
import engram.stimuli.entity.StimulusSet;
import engram.stimuli.entity.Thumbnail;

/**
 * Every feature's entities, the one list Hibernate maps (Database reads it through {@link EntityList}, registered in
 * META-INF/services). A new entity is added here, after its migration in sql/.
 */
public final class Entities implements EntityList {

    static final List<Class<?>> ALL = List.of(
            Account.class, ApiToken.class,
            ImageBlob.class, StimulusSet.class, Stimulus.class, Thumbnail.class,
            Experiment.class, SequenceItem.class, Collaborator.class,
            Run.class, RunEvent.class, Trial.class, Box.class, ProlificEvent.class, RunSession.class, RunPhase.class,
            AuditEvent.class,
            ProtocolVersion.class);

    @Override
    public List<Class<?>> entities() {
        return ALL;
    }
}
