<?xml version="1.0" encoding="UTF-8"?>
<!-- Drama and speech: sp/speaker/stage, castList, and the participants list of texts with speakers but no cast list. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl">

  <xsl:template match="tei:sp">
    <div class="sp">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <xsl:if test="@who"><xsl:attribute name="data-who"><xsl:value-of select="normalize-space(translate(@who, '#', ''))"/></xsl:attribute></xsl:if>
      <xsl:if test="normalize-space(@who) != '' and not(tei:speaker)">
        <xsl:call-template name="supplied-speaker"/>
      </xsl:if>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- A speech whose speaker the source does not print (only @who says it): the reader is
       told who speaks, in the edition's own brackets, as a supplied reading is
       ("[Alice, Bob]" for who="#a #b"); each name from the cast list or register entry
       its pointer resolves to, and linked there; a pointer that resolves to nothing is
       shown as it is, linked to the participants list when there is no cast list. -->
  <xsl:template name="supplied-speaker">
    <xsl:variable name="sp" select="."/>
    <xsl:variable name="names-rtf">
      <xsl:for-each select="str:tokenize(normalize-space(@who), ' ')">
        <xsl:variable name="token" select="translate(., '#', '')"/>
        <xsl:for-each select="$sp">
          <xsl:variable name="entry" select="key('participant', $token)[1]"/>
          <!-- (a speaker the file declares nowhere is named as the speeches of the same
               @who print it: "[Pro.]", not its code "[pro]") -->
          <xsl:variable name="printed" select="(key('sp-by-who', concat('#', $token)) | key('sp-by-who', $token))/tei:speaker[normalize-space(.) != ''][1]"/>
          <n>
            <xsl:choose>
              <xsl:when test="$entry">
                <xsl:attribute name="href">#<xsl:value-of select="$token"/></xsl:attribute>
                <xsl:call-template name="name-of"><xsl:with-param name="node" select="($entry/tei:persName | $entry/tei:name | $entry)[1]"/></xsl:call-template>
              </xsl:when>
              <xsl:when test="$printed"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="$printed[1]/node()"/></xsl:call-template></xsl:when>
              <xsl:otherwise><xsl:value-of select="$token"/></xsl:otherwise>
            </xsl:choose>
          </n>
        </xsl:for-each>
      </xsl:for-each>
    </xsl:variable>
    <xsl:variable name="names" select="exsl:node-set($names-rtf)/n[normalize-space(.) != '']"/>
    <xsl:variable name="block"><xsl:apply-templates select="." mode="is-flow"/></xsl:variable>
    <xsl:element name="{substring('spanp', 1 + 4 * ($block = 'y'), 4 - 3 * ($block = 'y'))}">
      <xsl:attribute name="class">speaker</xsl:attribute>
      <xsl:attribute name="data-supplied">who</xsl:attribute>
      <span class="editorial-mark">[</span>
      <xsl:choose>
        <xsl:when test="not($names/@href) and not($has-castList)">
          <a href="#participant-{translate(normalize-space(@who), '# ', '_-')}">
            <xsl:for-each select="$names"><xsl:if test="position() &gt; 1">, </xsl:if><xsl:value-of select="normalize-space(.)"/></xsl:for-each>
          </a>
        </xsl:when>
        <xsl:otherwise>
          <xsl:for-each select="$names">
            <xsl:if test="position() &gt; 1">, </xsl:if>
            <xsl:choose>
              <xsl:when test="@href"><a href="{@href}"><xsl:value-of select="normalize-space(.)"/></a></xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space(.)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:for-each>
        </xsl:otherwise>
      </xsl:choose>
      <span class="editorial-mark">]</span>
    </xsl:element>
  </xsl:template>

  <!-- The speaker label; linked to the participant's entry (cast list, register or
       participants list) when there is one. -->
  <xsl:template match="tei:speaker">
    <xsl:variable name="who" select="substring-before(concat(normalize-space(../@who), ' '), ' ')"/>
    <xsl:variable name="href">
      <xsl:call-template name="participant-href"><xsl:with-param name="who" select="$who"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="block"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
    <xsl:element name="{substring('spanp', 1 + 4 * ($block = 'y'), 4 - 3 * ($block = 'y'))}">
      <xsl:attribute name="class">speaker</xsl:attribute>
      <xsl:call-template name="atts"/>
      <!-- an empty speaker (<speaker/>) is named by the role its speech's @who points at -->
      <xsl:variable name="token" select="translate($who, '#', '')"/>
      <xsl:variable name="role" select="key('participant', $token)[not(current()[normalize-space(.) != '' or *])][1]"/>
      <xsl:variable name="named">
        <xsl:if test="$role"><xsl:call-template name="name-of"><xsl:with-param name="node" select="($role/tei:persName | $role/tei:name | $role)[1]"/></xsl:call-template></xsl:if>
      </xsl:variable>
      <xsl:choose>
        <xsl:when test="normalize-space($named) != '' and $href != ''"><a href="{$href}"><xsl:value-of select="normalize-space($named)"/></a></xsl:when>
        <xsl:when test="normalize-space($named) != ''"><xsl:value-of select="normalize-space($named)"/></xsl:when>
        <xsl:when test="$href != '' and not(.//tei:note or .//tei:ref or .//tei:ptr or .//*[@ref])">
          <a href="{$href}"><xsl:apply-templates/></a>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
      <!-- a short stage direction right after the speaker ("KING, aside") is part of the line -->
      <xsl:for-each select="(following-sibling::*[1])[self::tei:stage][string-length(normalize-space(.)) &lt;= 60]
          [not((preceding-sibling::node()[1])[self::text()][normalize-space(.) != ''])]">
        <xsl:variable name="first" select="substring(normalize-space(.), 1, 1)"/>
        <xsl:if test="not(contains(',.;:)', $first))"><xsl:text> </xsl:text></xsl:if>
        <span class="stage">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:for-each>
      <!-- calls of the notes on the whole speech (standing before its first line) -->
      <xsl:if test="not(preceding-sibling::tei:speaker)">
        <xsl:for-each select="../tei:note[not(@place = 'inline')][not(preceding-sibling::*[not(self::tei:note or self::tei:speaker)])]">
          <!-- an en space: the call is a target of its own beside the speaker link, and
               touch targets need room between them (WCAG 2.5.8) -->
          <xsl:text>&#x2002;</xsl:text>
          <xsl:call-template name="note-call"/>
        </xsl:for-each>
      </xsl:if>
    </xsl:element>
  </xsl:template>

  <xsl:template name="participant-href">
    <xsl:param name="who"/>
    <xsl:variable name="id" select="substring-after($who, '#')"/>
    <xsl:choose>
      <xsl:when test="$who = ''"/>
      <xsl:when test="key('id', $id)[self::tei:person or self::tei:personGrp or ancestor::tei:castList or ancestor::tei:text]">#<xsl:value-of select="$id"/></xsl:when>
      <xsl:when test="not($has-castList)">#participant-<xsl:value-of select="translate(normalize-space(../@who), '# ', '_-')"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- (set inside the speaker's line) -->
  <xsl:template match="tei:stage[(preceding-sibling::*[1])[self::tei:speaker]][string-length(normalize-space(.)) &lt;= 60]
      [not((preceding-sibling::node()[1])[self::text()][normalize-space(.) != ''])]"/>

  <!-- (view, a screenplay's description of what the camera shows, reads as a stage direction) -->
  <xsl:template match="tei:stage | tei:move | tei:view">
    <xsl:variable name="flow"><xsl:call-template name="block-here"/></xsl:variable>
    <xsl:variable name="class">
      <xsl:choose>
        <xsl:when test="self::tei:view">stage</xsl:when>
        <xsl:otherwise><xsl:value-of select="local-name()"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$flow = 'y'">
        <p class="{$class}">
          <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
          <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </p>
      </xsl:when>
      <xsl:otherwise>
        <span class="{$class}">
          <xsl:call-template name="atts"/>
          <xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Cast list: a list of roles, groups nested. -->
  <!-- A cast list is a section with a heading: its head, else "Dramatis Personae" in the
       document's language (a cast list inside another has no heading of its own). -->
  <!-- The setting of a play (set: place and time of the action) and an account of its
       performances (performance), as printed plays give them in the front matter: a
       block of paragraphs where they stand. -->
  <xsl:template match="tei:set | tei:performance">
    <xsl:if test="normalize-space(.) != ''">
      <div class="{local-name()}">
        <xsl:call-template name="atts"/>
        <xsl:choose>
          <xsl:when test="tei:p | tei:ab | tei:head | tei:list | tei:lg | tei:stage | tei:castList | tei:table"><xsl:apply-templates/></xsl:when>
          <xsl:otherwise><p><xsl:apply-templates/></p></xsl:otherwise>
        </xsl:choose>
      </div>
    </xsl:if>
  </xsl:template>
  <xsl:template mode="is-flow" match="tei:set | tei:performance">y</xsl:template>

  <xsl:template match="tei:castList">
    <xsl:variable name="has-head" select="tei:head[normalize-space(.) != '']"/>
    <xsl:variable name="titled" select="$has-head or not(ancestor::tei:castList)"/>
    <xsl:element name="{substring('divsection', 1 + 3 * boolean($titled), 3 + 4 * boolean($titled))}">
      <xsl:attribute name="class">castList</xsl:attribute>
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <xsl:apply-templates select="tei:head"/>
      <xsl:if test="not($has-head) and $titled">
        <xsl:variable name="level"><xsl:call-template name="heading-level"/></xsl:variable>
        <xsl:call-template name="heading">
          <xsl:with-param name="level" select="number($level)"/>
          <xsl:with-param name="content" select="string($L[@k = 'cast'])"/>
          <xsl:with-param name="class" select="'head editorial'"/>
        </xsl:call-template>
      </xsl:if>
      <ul>
        <xsl:apply-templates select="tei:castItem | tei:castGroup" mode="cast"/>
      </ul>
      <xsl:apply-templates select="*[not(self::tei:head or self::tei:castItem or self::tei:castGroup)]"/>
    </xsl:element>
  </xsl:template>
  <xsl:template match="tei:castItem" mode="cast">
    <li class="castItem">
      <xsl:call-template name="atts"/>
      <xsl:apply-templates/>
    </li>
  </xsl:template>
  <xsl:template match="tei:castGroup" mode="cast">
    <li class="castGroup">
      <xsl:call-template name="atts"/>
      <xsl:apply-templates select="tei:head | tei:roleDesc | text()"/>
      <ul><xsl:apply-templates select="tei:castItem | tei:castGroup" mode="cast"/></ul>
      <xsl:apply-templates select="*[not(self::tei:head or self::tei:roleDesc or self::tei:castItem or self::tei:castGroup)]"/>
    </li>
  </xsl:template>
  <xsl:template match="tei:castGroup/tei:head">
    <span class="castGroup-head"><xsl:call-template name="atts"/><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:role | tei:roleDesc | tei:actor">
    <!-- a role that names its person (@sameAs, @corresp, or its castItem's) links to the register -->
    <xsl:variable name="same" select="substring-before(concat(normalize-space((@sameAs | @corresp | ../@sameAs | ../@corresp)[1]), ' '), ' ')"/>
    <xsl:variable name="person" select="key('id', substring-after($same, '#'))[self::tei:person or self::tei:personGrp]"/>
    <span class="{local-name()}">
      <xsl:call-template name="atts"/>
      <xsl:choose>
        <xsl:when test="self::tei:role and $person and not(.//tei:note or .//tei:ref or .//tei:ptr or .//*[@ref])">
          <a href="#{$person/@xml:id}"><xsl:apply-templates/></a>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates/></xsl:otherwise>
      </xsl:choose>
    </span>
    <!-- a comma before the role description, unless the source has its own punctuation there -->
    <xsl:if test="self::tei:role and following-sibling::tei:roleDesc
        and not(following-sibling::node()[not(self::text()[normalize-space(.) = ''])][1][self::text()])"><xsl:text>, </xsl:text></xsl:if>
  </xsl:template>

  <!-- ============ participants (speakers without a cast list) ============ -->
  <xsl:template name="participants-section">
    <xsl:if test="key('element-by-name', 'sp')[self::tei:sp][@who] and not($has-castList)">
      <section id="{$id-participants}" class="participants" aria-labelledby="{$id-participants}-heading">
        <h2 id="{$id-participants}-heading"><xsl:value-of select="$L[@k = 'participants']"/></h2>
        <ul>
          <xsl:for-each select="key('element-by-name', 'sp')[self::tei:sp][@who][generate-id() = generate-id(key('sp-by-who', normalize-space(@who))[1])]">
            <xsl:variable name="who" select="normalize-space(@who)"/>
            <xsl:variable name="first" select="substring-before(concat($who, ' '), ' ')"/>
            <xsl:variable name="entry" select="key('id', substring-after($first, '#'))"/>
            <xsl:variable name="all" select="key('sp-by-who', $who)"/>
            <li class="participant">
              <xsl:if test="not($entry)">
                <xsl:attribute name="id">participant-<xsl:value-of select="translate($who, '# ', '_-')"/></xsl:attribute>
              </xsl:if>
              <xsl:attribute name="data-who"><xsl:value-of select="normalize-space(translate($who, '#', ''))"/></xsl:attribute>
              <xsl:variable name="label">
                <xsl:choose>
                  <xsl:when test="$entry"><xsl:for-each select="$entry"><xsl:call-template name="entry-label"/></xsl:for-each></xsl:when>
                  <xsl:when test="tei:speaker"><xsl:call-template name="plain-of"><xsl:with-param name="node" select="tei:speaker"/></xsl:call-template></xsl:when>
                  <xsl:otherwise><xsl:value-of select="translate($who, '#', '')"/></xsl:otherwise>
                </xsl:choose>
              </xsl:variable>
              <xsl:choose>
                <xsl:when test="$entry"><a href="{$first}"><xsl:value-of select="$label"/></a></xsl:when>
                <xsl:otherwise><span class="participant-name"><xsl:value-of select="$label"/></span></xsl:otherwise>
              </xsl:choose>
              <xsl:text> — </xsl:text>
              <xsl:for-each select="$all">
                <xsl:if test="position() &gt; 1"><xsl:text>, </xsl:text></xsl:if>
                <a class="backlink">
                  <xsl:attribute name="href">#<xsl:call-template name="id-value"/></xsl:attribute>
                  <xsl:attribute name="aria-label"><xsl:value-of select="concat($L[@k = 'speech-n'], ' ', position(), ' ', $L[@k = 'of'], ' ', $label)"/></xsl:attribute>
                  <xsl:value-of select="position()"/>
                </a>
              </xsl:for-each>
            </li>
          </xsl:for-each>
        </ul>
      </section>
    </xsl:if>
  </xsl:template>


  <!-- A spoken transcript (the TEI spoken module, as ParlaMint's debates have it): an
       utterance is a speech. Its speaker is the note type="speaker" just before it (then
       not a footnote), else the person its @who names in the file; each seg of it is a
       paragraph; what happens in the room (vocal, kinesic, incident) is a stage direction. -->
  <xsl:template match="tei:u">
    <div class="sp u">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <!-- the speaker is the utterance's, else the enclosing turn's (TEI_CORPO's annotationBloc) -->
      <xsl:variable name="who-att" select="ancestor-or-self::*[@who][1]/@who"/>
      <xsl:if test="$who-att"><xsl:attribute name="data-who"><xsl:value-of select="normalize-space(translate($who-att, '#', ''))"/></xsl:attribute></xsl:if>
      <xsl:variable name="label" select="preceding-sibling::*[1][self::tei:note[@type = 'speaker']]"/>
      <xsl:variable name="who" select="substring-before(concat(normalize-space(translate($who-att, '#', '')), ' '), ' ')"/>
      <xsl:variable name="person" select="key('id', $who)[self::tei:person or self::tei:personGrp]"/>
      <xsl:choose>
        <xsl:when test="$label"><p class="speaker"><xsl:apply-templates select="$label/node()"/></p></xsl:when>
        <xsl:when test="$person">
          <p class="speaker"><xsl:call-template name="name-of"><xsl:with-param name="node" select="($person/tei:persName | $person/tei:name | $person)[1]"/></xsl:call-template></p>
        </xsl:when>
        <!-- a speaker the file names by a code only (spk1, A): the code, so that turns stay apart -->
        <xsl:when test="$who != '' and not(key('id', $who))"><p class="speaker"><xsl:value-of select="$who"/></p></xsl:when>
      </xsl:choose>
      <xsl:choose>
        <xsl:when test="tei:seg or tei:p or tei:ab"><xsl:apply-templates select="*"/></xsl:when>
        <xsl:otherwise><p><xsl:apply-templates/></p></xsl:otherwise>
      </xsl:choose>
    </div>
  </xsl:template>
  <!-- A play's prologue or epilogue (the element; a div type="prologue" is a division): its
       speeches, verse and paragraphs, as a block of the text. -->
  <xsl:template match="tei:prologue | tei:epilogue">
    <div class="{local-name()}"><xsl:call-template name="atts"/><xsl:apply-templates/></div>
  </xsl:template>

  <!-- An utterance with its annotations (annotationBlock): the utterance is read as any
       other, under the block's speaker; the annotations (spanGrp) are analysis, not text. -->
  <xsl:template match="tei:annotationBlock">
    <xsl:apply-templates select="*"/>
  </xsl:template>
  <xsl:template match="tei:u/tei:seg">
    <p class="seg"><xsl:call-template name="atts"/><xsl:apply-templates/></p>
  </xsl:template>
  <xsl:template match="tei:note[@type = 'speaker'][following-sibling::*[1][self::tei:u]]"/>
  <xsl:template match="tei:vocal | tei:kinesic | tei:incident | tei:pause">
    <!-- every description, in order: "(tousse, instantaneous)" -->
    <xsl:variable name="told">
      <xsl:for-each select="tei:desc[normalize-space(.) != '']">
        <xsl:if test="position() > 1">, </xsl:if>
        <xsl:value-of select="normalize-space(.)"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="$told != '' or self::tei:pause">
      <xsl:text> </xsl:text>
      <span class="stage {local-name()}"><xsl:call-template name="atts"/>
        <xsl:value-of select="concat('(', $told, substring('…', 1, number($told = '')), ')')"/>
      </span>
      <xsl:text> </xsl:text>
    </xsl:if>
  </xsl:template>

</xsl:stylesheet>
