<?xml version="1.0" encoding="UTF-8"?>
<!-- The source's layout: page, line and column breaks, milestones, forme work (fw); the
     levels of a multi-level transcription (Menota). -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xmlns:eg="http://www.tei-c.org/ns/Examples"
    xmlns:str="http://exslt.org/strings"
    xmlns:exsl="http://exslt.org/common"
    xmlns:e="urn:editio"
    xmlns:me="http://www.menota.org/ns/1.0"
    extension-element-prefixes="str exsl"
    exclude-result-prefixes="tei eg str exsl e me">

  <!-- ============ breaks and milestones ============ -->
  <!-- A space the writer left (space): a word space in the reading text, so the words on
       either side stay apart in every format, in search and in a copied passage; a
       vertical one leaves no mark in running text. -->
  <xsl:template match="tei:space">
    <xsl:choose>
      <xsl:when test="not(@dim = 'vertical')">
        <span class="space"><xsl:call-template name="atts"/><xsl:text> </xsl:text></span>
      </xsl:when>
      <!-- a blank line of the source between its blocks (a letter's lines left empty
           before the salutation) is a gap between them, of as many lines as it says -->
      <xsl:when test="not(../text()[normalize-space(.) != '']) and (preceding-sibling::* or following-sibling::*)">
        <xsl:variable name="flow"><xsl:apply-templates select=".." mode="is-flow"/></xsl:variable>
        <xsl:if test="$flow = 'y'">
          <xsl:variable name="lines" select="number(@quantity)"/>
          <div class="space-vertical" aria-hidden="true">
            <xsl:if test="(@unit = 'lines' or @unit = 'line') and $lines &gt; 1 and $lines &lt; 10">
              <xsl:attribute name="style"><xsl:value-of select="concat('height: ', $lines * 1.5, 'em')"/></xsl:attribute>
            </xsl:if>
          </div>
        </xsl:if>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A page break of the source: an empty span.pb[role=doc-pagebreak] (the number is
       no word of the text: the web edition shows it in the margin from data-n, the EPUB
       lists it in its page-list). Only a number the TEI gives (@n) is shown or listed:
       data-n and a title "Page N"; a break without @n has the title "Page break" and no
       number. A break inside a word (@break="no") is span.pb.nobreak. -->
  <xsl:template match="tei:pb">
    <xsl:if test="not(parent::tei:list or parent::tei:table or parent::tei:row or parent::tei:listBibl or parent::tei:castList or parent::tei:castGroup)">
      <xsl:variable name="ord" select="substring-after(@e:id, '-')"/>
      <xsl:variable name="n" select="normalize-space(@n)"/>
      <!-- title, not aria-label: axe-core prohibits aria-label on an empty span with this role -->
      <!-- inside a word: @break="no", or no white space on either side (a hyphenated
           word whose break the source does not mark) -->
      <xsl:variable name="before" select="(preceding-sibling::node()[1])[self::text()]"/>
      <xsl:variable name="after" select="(following-sibling::node()[1])[self::text()]"/>
      <span class="pb" role="doc-pagebreak">
        <xsl:if test="@break = 'no' or ($before and $after
            and normalize-space(substring($before, string-length($before))) != '' and normalize-space(substring($after, 1, 1)) != '')">
          <xsl:attribute name="class">pb nobreak</xsl:attribute>
        </xsl:if>
        <xsl:attribute name="id">
          <xsl:choose>
            <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
            <xsl:otherwise>page-<xsl:value-of select="$ord"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
        <xsl:choose>
          <xsl:when test="$n != ''">
            <xsl:attribute name="title"><xsl:value-of select="concat($L[@k = 'page'], ' ', $n)"/></xsl:attribute>
            <xsl:attribute name="data-n"><xsl:value-of select="$n"/></xsl:attribute>
          </xsl:when>
          <xsl:otherwise>
            <xsl:attribute name="title"><xsl:value-of select="$L[@k = 'page-break']"/></xsl:attribute>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:if test="@facs"><xsl:attribute name="data-facs"><xsl:value-of select="@facs"/></xsl:attribute></xsl:if>
      </span>
      <xsl:call-template name="facsimile-image"><xsl:with-param name="n" select="$n"/></xsl:call-template>
    </xsl:if>
    <!-- (a break written around the text of its page, <pb n="4">complete accordance …</pb>,
         which TEI does not allow: the text is kept, after the break; it was lost from every
         format) -->
    <xsl:apply-templates/>
  </xsl:template>

  <!-- The image of the page a pb begins, right after it: span.facs > img.facs-image
       (lazy: a long text has hundreds). @facs (its first pointer) names a surface (its
       first graphic), a zone (its surface's), a graphic, or the image file itself. The
       web edition shows it beside the text in its facsimile view; books and exports
       leave it out (editio.hub.tree.drop_diplomatic_only). The image file is found and
       checked like every other image (editio.hub.transform.collect_images). -->
  <xsl:template name="facsimile-image">
    <xsl:param name="n"/>
    <xsl:variable name="ptr" select="substring-before(concat(normalize-space(@facs), ' '), ' ')"/>
    <xsl:variable name="target" select="key('id', substring($ptr, 2))[starts-with($ptr, '#')][1]"/>
    <xsl:variable name="url">
      <xsl:choose>
        <xsl:when test="$target[self::tei:graphic]"><xsl:value-of select="$target/@url"/></xsl:when>
        <xsl:when test="$target[self::tei:surface]"><xsl:value-of select="($target//tei:graphic[@url])[1]/@url"/></xsl:when>
        <xsl:when test="$target[self::tei:zone]"><xsl:value-of select="($target/ancestor::tei:surface[1]//tei:graphic[@url])[1]/@url"/></xsl:when>
        <xsl:when test="$ptr != '' and not(starts-with($ptr, '#'))"><xsl:value-of select="$ptr"/></xsl:when>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="normalize-space($url) != ''">
      <span class="facs">
        <img class="facs-image" src="{normalize-space($url)}" loading="lazy">
          <xsl:attribute name="alt">
            <xsl:choose>
              <xsl:when test="$n != ''"><xsl:value-of select="concat($L[@k = 'facsimile-of-page'], ' ', $n)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$L[@k = 'facsimile-of-a-page']"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
        </img>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- A line break of the source. In prose (p, ab, notes, quotations, speeches...) the
       reading text flows: the break is an empty span.lb, with a space in the text when
       neither side has one, and the diplomatic view turns it into a line break. In
       lineated contexts (the lines of an address, an opener or closer, a dateline or
       signature, a heading, a title page) the line is the text's own layout: br.lb.
       Inside a word (@break="no"): span.lb.nobreak, no space (white space around it is
       dropped, below). Before any text of its block: span.lb.lb-first (no empty line).
       Every variant keeps the lb's id and its number (data-n; every fifth also
       data-lineno, shown in the margin as for verse, constructs/verse). -->
  <xsl:template match="tei:lb">
    <xsl:if test="not(parent::tei:list or parent::tei:table or parent::tei:row or parent::tei:listBibl or parent::tei:castList or parent::tei:castGroup)">
      <xsl:variable name="nobreak"><xsl:call-template name="lb-nobreak"/></xsl:variable>
      <!-- ([1]: libxml2 then stops at the first sibling found, instead of collecting all of
           them for every break of a long paragraph) -->
      <xsl:variable name="first" select="not(preceding-sibling::text()[normalize-space(.) != ''][1])
            and not(preceding-sibling::*[not(self::tei:lb or self::tei:pb or self::tei:cb or self::tei:milestone or self::tei:anchor or self::tei:gb or self::tei:fw)][1])"/>
      <!-- the nearest block around the break decides: prose flows, a lineated block keeps its lines -->
      <xsl:variable name="block" select="ancestor::*[self::tei:p or self::tei:ab or self::tei:note or self::tei:quote
            or self::tei:q or self::tei:said or self::tei:item or self::tei:cell or self::tei:stage or self::tei:speaker
            or self::tei:l or self::tei:postscript or self::tei:opener or self::tei:closer or self::tei:salute or self::tei:signed
            or self::tei:dateline or self::tei:address or self::tei:byline or self::tei:docImprint or self::tei:titlePart
            or self::tei:docTitle or self::tei:head or self::tei:trailer][1]"/>
      <xsl:variable name="lineated" select="$block[self::tei:opener or self::tei:closer or self::tei:salute or self::tei:signed
            or self::tei:dateline or self::tei:address or self::tei:byline or self::tei:docImprint or self::tei:titlePart
            or self::tei:docTitle or self::tei:head or self::tei:trailer]
            | $block[self::tei:ab][ancestor::tei:div[@type = 'edition']]"/>
      <!-- (the edition of an inscription or a papyrus, EpiDoc's div type="edition" with its
           text in ab, keeps the lines of its support: the Leiden conventions cite it by
           line; the paragraphs of a manuscript's prose edited so, as DigitalLatin's, flow,
           their lines shown in the diplomatic view) -->
      <xsl:choose>
        <xsl:when test="$nobreak = 'y'">
          <span class="lb nobreak"><xsl:call-template name="lb-atts"/></span>
        </xsl:when>
        <xsl:when test="$first">
          <span class="lb lb-first"><xsl:call-template name="lb-atts"/></span>
        </xsl:when>
        <xsl:when test="$lineated">
          <br class="lb"><xsl:call-template name="lb-atts"/></br>
        </xsl:when>
        <xsl:otherwise>
          <!-- the text on each side as a reader sees it: an element's words, not the
               indentation inside it ("abgiebt<lb/><choice>⏎<abbr>u</abbr>…" is two words) -->
          <xsl:variable name="before" select="preceding-sibling::node()[1][self::text()]
              | (preceding-sibling::node()[1]/descendant::text()[normalize-space(.) != ''])[last()]"/>
          <xsl:variable name="after" select="following-sibling::node()[1][self::text()]
              | (following-sibling::node()[1]/descendant::text()[normalize-space(.) != ''])[1]"/>
          <xsl:if test="normalize-space(substring($before, string-length($before))) != ''
              and normalize-space(substring($after, 1, 1)) != ''">
            <xsl:text> </xsl:text>
          </xsl:if>
          <span class="lb"><xsl:call-template name="lb-atts"/></span>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:if>
  </xsl:template>

  <xsl:template name="lb-atts">
    <xsl:if test="@xml:id"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
    <xsl:if test="normalize-space(@n) != ''">
      <xsl:attribute name="data-n"><xsl:value-of select="normalize-space(@n)"/></xsl:attribute>
      <xsl:call-template name="lineno"/>
    </xsl:if>
  </xsl:template>

  <!-- 'y' when this lb stands inside a word: @break="no", the TEI attribute that says so,
       or the markers projects use for a word hyphenated at the line end (type
       hyphenInWord/inWord, rend hidden). editio's fidelity count joins exactly these. -->
  <xsl:template name="lb-nobreak">
    <xsl:if test="@break = 'no' or @type = 'hyphenInWord' or @type = 'inWord'
        or contains(concat(' ', normalize-space(@rend), ' '), ' hidden ')">y</xsl:if>
  </xsl:template>

  <!-- Text that touches a line break inside a word loses the white space on that side;
       the text of a speaker label, role or role description loses its outer white space
       (it is the text of a link: "Hamlet", not "Hamlet "); white space between the
       parts of a cast list item is one space (none at its edges). -->
  <!-- (Called for such text by the one text() rule, in core.) -->
  <xsl:template name="text-at-line-break">
    <xsl:variable name="before"><xsl:for-each select="(preceding-sibling::node()[1])[self::tei:lb]"><xsl:call-template name="lb-nobreak"/></xsl:for-each></xsl:variable>
    <xsl:variable name="after"><xsl:for-each select="(following-sibling::node()[1])[self::tei:lb]"><xsl:call-template name="lb-nobreak"/></xsl:for-each></xsl:variable>
    <xsl:variable name="label" select="parent::tei:speaker or parent::tei:role or parent::tei:roleDesc"/>
    <xsl:choose>
      <xsl:when test="parent::tei:castItem and normalize-space(.) = ''">
        <!-- the role template writes ", " before a role description -->
        <xsl:if test="preceding-sibling::* and following-sibling::* and not((preceding-sibling::*[1])[self::tei:role][following-sibling::tei:roleDesc])">
          <xsl:text> </xsl:text>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="lead" select="$before = 'y' or ($label and not(preceding-sibling::node()))"/>
        <xsl:variable name="trail" select="$after = 'y' or ($label and not(following-sibling::node()))"/>
        <xsl:variable name="s">
          <xsl:choose>
            <xsl:when test="$lead and normalize-space(.) = ''"/>
            <xsl:when test="$lead"><xsl:value-of select="substring(., string-length(substring-before(., substring(normalize-space(.), 1, 1))) + 1)"/></xsl:when>
            <xsl:otherwise><xsl:value-of select="."/></xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <xsl:when test="$trail"><xsl:call-template name="trim-end"><xsl:with-param name="s" select="$s"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
        </xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="trim-end">
    <xsl:param name="s"/>
    <xsl:variable name="last" select="substring($s, string-length($s))"/>
    <xsl:choose>
      <xsl:when test="$last != '' and normalize-space($last) = ''">
        <xsl:call-template name="trim-end"><xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$s"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:cb | tei:milestone[not(@unit = 'caesura' and ancestor::tei:l)] | tei:gb">
    <!-- (a caesura milestone inside a verse line is the pause, constructs/verse) -->
    <xsl:if test="not(parent::tei:list or parent::tei:table or parent::tei:row or parent::tei:listBibl or parent::tei:castList or parent::tei:castGroup)">
      <span class="{local-name()}">
        <xsl:call-template name="atts"><xsl:with-param name="tei" select="false()"/></xsl:call-template>
        <xsl:if test="@unit"><xsl:attribute name="data-unit"><xsl:value-of select="@unit"/></xsl:attribute></xsl:if>
        <xsl:if test="@n"><xsl:attribute name="data-n"><xsl:value-of select="@n"/></xsl:attribute></xsl:if>
        <xsl:if test="@rend"><xsl:attribute name="data-rend"><xsl:value-of select="@rend"/></xsl:attribute></xsl:if>
        <xsl:if test="self::tei:milestone">
          <xsl:call-template name="milestone-mark"/>
        </xsl:if>
      </span>
    </xsl:if>
  </xsl:template>

  <!-- What a reader sees of a milestone. A boundary of a reference system (a verse, a
       chapter, a section of a classical text, a Stephanus page) shows its number where it
       falls, as printed Bibles and classical texts do: data-label, drawn by the stylesheet,
       so that a copied or searched sentence stays the author's. A number written as an
       identifier ("B19K1V3", "e01-02") shows its last number ("3", "2"). A milestone drawn
       as a mark of the source (rend "short-bar", "asterisks"…) is a divider. Any other
       milestone (collation, a stanza's kind; Perseus' "card", a chunk of its reading
       interface, and "para", a paragraph's start numbered 1 each time) is a boundary only,
       shown to nobody. -->
  <xsl:template name="milestone-mark">
    <xsl:variable name="unit" select="translate(@unit, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:variable name="n" select="normalize-space(@n)"/>
    <xsl:variable name="rend" select="translate(@rend, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:choose>
      <!-- (the first verse of a chapter is known by the chapter's number, as Bibles print it) -->
      <xsl:when test="$unit = 'verse' and preceding-sibling::node()[not(self::text()[normalize-space() = ''])][1]
                        [self::tei:milestone[@unit = 'chapter' or @unit = 'book']]"/>
      <xsl:when test="$n != '' and contains(' book part chapter section subsection verse page folio leaf canto article ', concat(' ', $unit, ' '))">
        <xsl:variable name="label">
          <xsl:choose>
            <xsl:when test="contains('0123456789', substring($n, 1, 1)) or translate($n, '0123456789', '') = $n">
              <xsl:value-of select="$n"/>
            </xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="last-number"><xsl:with-param name="s" select="$n"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:if test="string-length($label) &lt;= 12">
          <xsl:attribute name="class">
            <xsl:text>milestone </xsl:text>
            <xsl:choose>
              <xsl:when test="$unit = 'book' or $unit = 'part' or $unit = 'chapter' or $unit = 'canto'">milestone-major</xsl:when>
              <xsl:otherwise>milestone-minor</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:attribute name="data-label"><xsl:value-of select="$label"/></xsl:attribute>
        </xsl:if>
      </xsl:when>
      <xsl:when test="contains($rend, 'asterisk') or contains($rend, 'star')">
        <xsl:attribute name="class">milestone divider-stars</xsl:attribute>
      </xsl:when>
      <xsl:when test="contains($rend, 'bar') or contains($rend, 'rule') or contains($rend, 'line') or contains($rend, 'dash')">
        <xsl:attribute name="class">milestone divider-rule</xsl:attribute>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- The last run of digits of a string, without leading zeros ("B19K1V03" gives "3"). -->
  <xsl:template name="last-number">
    <xsl:param name="s"/>
    <xsl:param name="digits" select="''"/>
    <xsl:variable name="last" select="substring($s, string-length($s))"/>
    <xsl:choose>
      <xsl:when test="$s != '' and contains('0123456789', $last)">
        <xsl:call-template name="last-number">
          <xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/>
          <xsl:with-param name="digits" select="concat($last, $digits)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$digits = '' and $s != ''">
        <xsl:call-template name="last-number">
          <xsl:with-param name="s" select="substring($s, 1, string-length($s) - 1)"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$digits != ''"><xsl:value-of select="number($digits)"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ============ the levels of a Menota transcription ============ -->
  <!-- A word (w, pc, c) transcribed at up to three levels side by side: me:facs
       (the letters as the manuscript draws them), me:dipl (diplomatic: abbreviations
       expanded in italics) and me:norm (normalised spelling). A reader reads one level:
       the most normalised the word has; the diplomatic view shows the diplomatic level
       in its place. The facsimile level is the scan's business, shown by neither. (Levels
       inside a choice: constructs/editorial.) -->
  <xsl:template match="me:norm[not(parent::tei:choice)]">
    <span class="level-norm"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="me:dipl[../me:norm][not(parent::tei:choice)]" priority="1">
    <span class="level-dipl diplomatic-only"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="me:dipl[not(parent::tei:choice)]">
    <span class="level-dipl"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="me:facs[../me:norm or ../me:dipl][not(parent::tei:choice)]" priority="1"/>
  <xsl:template match="me:facs[not(parent::tei:choice)]">
    <span class="level-facs"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- Forme work of the source (running heads, page numbers, catchwords, signatures):
       not reading text. Shown in the diplomatic view only, set apart by spaces so that it
       is never glued into a word broken across the page. -->
  <xsl:template match="tei:fw">
    <span class="fw diplomatic-only"><xsl:call-template name="atts"/><xsl:if test="@type"><xsl:attribute name="data-type"><xsl:value-of select="@type"/></xsl:attribute></xsl:if>
      <xsl:text> </xsl:text><xsl:apply-templates/><xsl:text> </xsl:text>
    </span>
  </xsl:template>

  <!-- ============ the source document (sourceDoc): surfaces, zones, lines ============ -->
  <!-- A transcription by the source's own layout (TEI 11.2.2): a section after the text,
       headed "Transcription of the source"; each surface (a page, a leaf side) a block,
       labelled with its @n or its label; each zone a block of lines; each line of the
       source a line of its own. The surface's images are shown as the figure construct
       shows a graphic. -->
  <xsl:template match="tei:sourceDoc">
    <xsl:if test="normalize-space(.) != '' or .//tei:graphic">
      <section class="source-doc" data-level="1">
        <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
        <xsl:call-template name="heading">
          <xsl:with-param name="level"><xsl:call-template name="heading-level"/></xsl:with-param>
          <xsl:with-param name="content" select="string($L[@k = 'source-document'])"/>
        </xsl:call-template>
        <xsl:apply-templates select="*"/>
      </section>
    </xsl:if>
  </xsl:template>

  <xsl:template match="tei:surfaceGrp | tei:surface">
    <div class="{local-name()}">
      <xsl:call-template name="atts"><xsl:with-param name="gen" select="true()"/></xsl:call-template>
      <xsl:if test="normalize-space(@n) != '' and not(tei:label)">
        <p class="surface-label"><xsl:value-of select="normalize-space(@n)"/></p>
      </xsl:if>
      <xsl:apply-templates select="*"/>
    </div>
  </xsl:template>

  <xsl:template match="tei:surface/tei:label | tei:surfaceGrp/tei:label">
    <p class="surface-label"><xsl:call-template name="atts"/><xsl:apply-templates/></p>
  </xsl:template>

  <xsl:template match="tei:zone">
    <div class="zone">
      <xsl:call-template name="atts"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

  <!-- a line of the source: its words, with what the line holds (additions, deletions…) -->
  <xsl:template match="tei:sourceDoc//tei:line">
    <div class="line">
      <xsl:call-template name="atts"/>
      <xsl:apply-templates/>
    </div>
  </xsl:template>

</xsl:stylesheet>
